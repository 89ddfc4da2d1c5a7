import { CaseScript, Routine } from './case-script';
import { STAFF } from './units';

/**
 * Neighbourhoods: the neighbourhood office, a "Wilde Allianz" that is first only informed (and
 * gives up) and later really involved, a repair café that shrinks, an avenue of lime trees, a
 * village shop whose letter is never answered, a food-sharing fridge.
 */

const steady: Omit<Routine, 'topics'> = {
  every: [20, 40],
  levels: ['involve', 'collaborate'],
  kinds: ['meeting', 'call', 'email'],
  initiativeShare: 0.5,
};

export function officeCases(seed: number): CaseScript[] {
  const office = new CaseScript(seed, 'nordstadt-stadtteilbuero', 'nordstadt', '2023-03-20');
  const officeTopics = {
    ...steady,
    topics: [
      'Sprechstunde der Anlaufstelle im Stadtteilbüro',
      'Abstimmung Öffnungszeiten und Schlüssel',
      'Hausaufgabenhilfe: Raumbelegung',
      'Nachbarschaftsrat: Themen des Quartiers',
      'Kooperation mit dem Quartiersmanagement',
      'Jahresplanung Stadtteilbüro',
    ],
  };
  office
    .submit('2023-03-20', {
      title: 'Stadtteilbüro Nordstadt: Raum im ehemaligen Ortsamt',
      description:
        'Der Verein möchte ein offenes Stadtteilbüro als Anlaufpunkt für die Nachbarschaft betreiben: Beratung, Hausaufgabenhilfe, Treffpunkt. Er bittet um Räume, Starthilfe und eine feste Ansprechperson.',
      category: 'soziales',
      channel: 'contact_point',
      requestedSupport: ['space', 'funding', 'staff_time', 'advice'],
    })
    .acknowledge(8, STAFF.brandt)
    .assign(0, STAFF.brandt)
    .talk(7, {
      kind: 'meeting',
      by: 'administration',
      level: 'involve',
      summary: 'Erstgespräch: Raumbedarf, Öffnungszeiten, Trägerschaft.',
      logHours: 1.5,
    })
    .apply(7, 'honorar', 2023, 12000, 'Honorarkraft für die Koordination des Stadtteilbüros, zwölf Monate.')
    .promise(
      0,
      'raum',
      'administration',
      'Die Anlaufstelle prüft mit dem Liegenschaftsamt eine mietfreie Überlassung des ehemaligen Ortsamts.',
      60,
    )
    .reject(35, 'honorar', 'Laufende Personalkosten sind nach Nr. 4.2 der Förderrichtlinie nicht förderfähig.')
    .talk(2, {
      kind: 'call',
      by: 'administration',
      level: 'consult',
      summary: 'Ablehnung erläutert; Hinweis auf das Landesprogramm Gemeinwesenarbeit.',
    })
    .fulfil(14, 'raum', 'kept')
    .interimUse(30, 'ortsamt', {
      propertyRef: 'Ehemaliges Ortsamt Nordstadt, Räume 1.04 und 1.05',
      propertyKind: 'room',
      startsOn: '2023-09-01',
      endsOn: '2024-08-31',
      licenceToTry: false,
      conditions: ['Mietfrei, Nebenkosten trägt der Verein', 'Öffnung mindestens zweimal pro Woche'],
    })
    .support(0, 'raum', 'space', 'Mietfreie Überlassung zweier Räume im ehemaligen Ortsamt.')
    .routine('2024-02-05', officeTopics)
    .apply('2024-02-05', 'ausstattung', 2024, 3000, 'Ausstattung: Möbel, Laptop, Beamer.')
    .award('2024-03-04', 'ausstattung', 3000)
    .disburse('2024-03-18', 'ausstattung', 3000)
    .routine('2024-05-13', officeTopics)
    .assign(
      '2024-05-13',
      STAFF.okafor,
      'Elternzeit von Frau Brandt; Übergabe mit einem Vorstellungstermin im Stadtteilbüro.',
    )
    .extend(14, 'ortsamt', '2025-08-31')
    .routine('2025-03-17', officeTopics)
    .feedback(
      '2025-03-17',
      'initiative',
      [4, 3, 4, 4, 4],
      'Verlässliche Ansprechperson; der Wechsel war gut vorbereitet.',
    )
    .feedback(0, 'administration', [4, 4, 5, 4, 4])
    .promise(
      7,
      'internet',
      'administration',
      'Die IT der Stadt richtet einen Internetanschluss im Stadtteilbüro ein.',
      60,
    )
    .routine('2025-06-16', officeTopics)
    .resolution('2025-06-26', 'DS 0178/2025', 'Ausschuss für Soziales und Quartiersentwicklung', 'deferred')
    .extend('2025-07-14', 'ortsamt', '2026-08-31')
    .routine('2025-12-18', officeTopics);

  const fair = new CaseScript(seed, 'nordstadt-fest-2024', 'nordstadt', '2024-04-22');
  fair
    .submit('2024-04-22', {
      title: 'Nachbarschaftsfest Nordstadt 2024 auf dem Marktplatz',
      description: 'Ein Fest aller Nachbarschaften mit Essen aus vielen Küchen und Musik.',
      category: 'kultur',
      channel: 'online',
      requestedSupport: ['permit', 'funding'],
    })
    .acknowledge(3, STAFF.brandt)
    .assign(1, STAFF.brandt)
    .apply(3, 'fest', 2024, 1500, 'Bierzeltgarnituren, Strom und Spülmobil.')
    .assign('2024-05-13', STAFF.okafor, 'Elternzeit von Frau Brandt.')
    .promise(0, 'muell', 'initiative', 'Der Verein legt ein Müll- und Mehrwegkonzept vor.', 21)
    .award(7, 'fest', 1200)
    .fulfil(7, 'muell', 'kept')
    .disburse(10, 'fest', 1200)
    .talk('2024-06-21', {
      kind: 'event',
      by: 'initiative',
      level: 'empower',
      summary: 'Nachbarschaftsfest mit rund 800 Gästen.',
    })
    .close('2024-07-08', 'completed', 'Fest durchgeführt, Mittel abgerechnet.')
    .feedback(0, 'initiative', [5, 4, 4, 5, 4]);
  office
    .grant('ausstattung')
    .proof('2024-12-02', 3000, 'VN-2024-052')
    .review('2024-12-16', 'accepted', 3000, 'Inventarliste und Rechnungen liegen vor.')
    .settle('2024-12-17');
  fair
    .grant('fest')
    .proof('2024-07-01', 1250, 'VN-2024-027', 60)
    .review('2024-07-04', 'accepted', 1200, 'Mittel abgerechnet.')
    .settle('2024-07-05');
  return [office, fair];
}

export function allianceCases(seed: number): CaseScript[] {
  // Pseudo-participation: seven contacts, all "inform" or "consult", a promised workshop withdrawn.
  const park = new CaseScript(seed, 'wilde-allianz-lindenplatz', 'wildeAllianz', '2023-05-15');
  park
    .submit('2023-05-15', {
      title: 'Pocket Park auf dem Lindenplatz: gemeinsam planen und bauen',
      description:
        'Anwohnende, die Gesamtschule West, zwei Handwerksbetriebe und die Wohnungsgenossenschaft wollen den Lindenplatz gemeinsam mit der Stadt in einen kleinen Park verwandeln und ihn danach mit pflegen.',
      category: 'stadtgruen',
      channel: 'contact_point',
      requestedSupport: ['space', 'permit', 'advice', 'networking'],
    })
    .acknowledge(12, STAFF.haas, 'Der Lindenplatz ist bereits in Planung; wir informieren Sie über den Stand.')
    .assign(0, STAFF.haas)
    .talk(10, {
      kind: 'event',
      by: 'administration',
      level: 'inform',
      summary: 'Informationsveranstaltung zur Umgestaltung des Lindenplatzes: Planung des Amts vorgestellt.',
    })
    .promise(
      0,
      'werkstatt',
      'administration',
      'Das Amt bietet eine Beteiligungswerkstatt an, in der die Allianz eigene Entwürfe einbringt.',
      60,
    )
    .talk(20, { kind: 'email', by: 'administration', level: 'inform', summary: 'Rundmail: Stand der Ausschreibung.' })
    .talk(15, {
      kind: 'meeting',
      by: 'initiative',
      level: 'consult',
      summary:
        'Die Allianz legt einen eigenen Entwurf mit Hochbeeten und Sitzmöbeln aus der Schreinerei vor; zur Kenntnis genommen.',
    })
    .talk(30, {
      kind: 'email',
      by: 'administration',
      level: 'consult',
      summary: 'Online-Umfrage zu Sitzbänken und Spielgeräten.',
    })
    .withdraw(14, 'werkstatt', 'Die Planung ist abgeschlossen; eine Werkstatt ist nicht mehr vorgesehen.')
    .talk(30, {
      kind: 'event',
      by: 'administration',
      level: 'inform',
      summary: 'Vorstellung der Ausführungsplanung im Ausschuss; Fragen aus dem Publikum.',
    })
    .talk(40, { kind: 'email', by: 'administration', level: 'inform', summary: 'Information über den Baubeginn.' })
    .talk(60, {
      kind: 'call',
      by: 'initiative',
      level: 'consult',
      summary: 'Die Allianz fragt nach Mitwirkung bei der Pflege; Antwort: die Pflege übernimmt der Bauhof.',
    })
    .feedback(7, 'initiative', [2, 1, 2, 1, 2], 'Wir wurden informiert, aber nie beteiligt.')
    .close(
      '2024-06-03',
      'withdrawn',
      'Die Allianz zieht ihr Anliegen zurück: die Planung wurde ohne ihre Entwürfe fertiggestellt.',
    );

  // After the council adopted participation guidelines: a second attempt, this time co-created.
  const workshop = new CaseScript(seed, 'wilde-allianz-kiezwerkstatt', 'wildeAllianz', '2025-03-10');
  const workshopTopics: Routine = {
    every: [14, 30],
    levels: ['involve', 'collaborate', 'empower'],
    kinds: ['workshop', 'meeting', 'site_visit', 'email'],
    initiativeShare: 0.6,
    topics: [
      'Bauwochenende mit der Gesamtschule',
      'Pflegevereinbarung entworfen',
      'Hochbeete gebaut',
      'Einweihung vorbereitet',
      'Werkzeugausleihe organisiert',
    ],
  };
  workshop
    .submit('2025-03-10', {
      title: 'Kiezwerkstatt Weststadt: die Brachecke an der Schillerstraße gemeinsam gestalten',
      description: 'Zweiter Anlauf der Allianz: eine kleine Brachecke gemeinsam planen, bauen und pflegen.',
      category: 'stadtgruen',
      channel: 'contact_point',
      requestedSupport: ['space', 'advice', 'funding', 'networking'],
    })
    .acknowledge(2, STAFF.okafor, 'Nach den neuen Beteiligungsleitlinien planen wir mit Ihnen von Anfang an.')
    .assign(3, STAFF.haas)
    .talk(7, {
      kind: 'workshop',
      by: 'administration',
      level: 'collaborate',
      summary: 'Auftaktwerkstatt: Allianz, Schule und Handwerksbetriebe entwerfen mit dem Amt.',
      logHours: 4,
    })
    .promise(0, 'entwurf', 'initiative', 'Die Allianz legt einen gemeinsamen Entwurf vor.', 45)
    .promise(0, 'pruefung', 'administration', 'Das Amt prüft den Entwurf auf Verkehrssicherheit und Pflegeaufwand.', 75)
    .apply(7, 'material', 2025, 4000, 'Material für Hochbeete, Sitzmöbel und Werkzeug.')
    .fulfil(30, 'entwurf', 'kept')
    .award(7, 'material', 3500)
    .fulfil(14, 'pruefung', 'kept')
    .disburse(10, 'material', 3500)
    .routine('2025-10-13', workshopTopics)
    .feedback('2025-10-13', 'initiative', [4, 4, 4, 5, 4], 'Diesmal echte Zusammenarbeit.')
    .routine('2025-12-12', workshopTopics);
  // The proof came in shortly before the year's end and waits for its review.
  workshop.grant('material').proof('2025-12-01', 3500, 'VN-2025-061', 240);
  return [park, workshop];
}

export function repairCafeCases(seed: number): CaseScript[] {
  const repair = new CaseScript(seed, 'repair-cafe-raum', 'repairCafe', '2023-03-01');
  const topics = [
    'Reparaturtermin: Bilanz',
    'Raumbelegung im Bürgerhaus',
    'Werbung für neue Aktive',
    'Termine im Sommer ausgedünnt',
  ];
  repair
    .submit('2023-03-01', {
      title: 'Raum für monatliche Reparaturtermine im Bürgerhaus Süd',
      description: 'Das Repair-Café sucht einen Raum für einen Reparaturtermin im Monat.',
      category: 'soziales',
      channel: 'phone',
      requestedSupport: ['space', 'equipment', 'funding'],
    })
    .acknowledge(5, STAFF.brandt)
    .assign(0, STAFF.brandt)
    .support(10, 'raum', 'space', 'Saal im Bürgerhaus Süd an jedem ersten Samstag im Monat.')
    .apply(5, 'werkzeug', 2023, 800, 'Werkzeug und Messgeräte.')
    .award(20, 'werkzeug', 800)
    .disburse(10, 'werkzeug', 800)
    .promise(0, 'elektro', 'initiative', 'Das Repair-Café weist die Elektroprüfung (DGUV V3) seiner Geräte nach.', 90)
    .fulfil(60, 'elektro', 'kept')
    .routine('2024-05-13', {
      every: [40, 70],
      levels: ['inform', 'consult', 'involve'],
      kinds: ['email', 'call'],
      initiativeShare: 0.5,
      topics,
    })
    .assign('2024-05-13', STAFF.okafor, 'Elternzeit von Frau Brandt.')
    .promise(7, 'bericht', 'initiative', 'Das Repair-Café legt einen Jahresbericht mit Reparaturstatistik vor.', 60)
    .routine('2025-09-01', {
      every: [60, 90],
      levels: ['inform', 'consult'],
      kinds: ['email', 'call'],
      initiativeShare: 0.5,
      topics,
    })
    .close(
      '2025-09-22',
      'merged',
      'Die Initiative hat sich aufgelöst; die Reparaturtermine laufen im Stadtteilbüro Nordstadt weiter (Vorgang Stadtteilbüro).',
    );
  repair
    .grant('werkzeug')
    .proof('2023-11-06', 800, 'VN-2023-041', 90)
    .review('2023-11-20', 'accepted', 800, 'Rechnungen liegen vor.')
    .settle('2023-11-21');
  return [repair];
}

export function limeTreeCases(seed: number): CaseScript[] {
  const avenue = new CaseScript(seed, 'lindenallee-erhalt', 'lindenallee', '2023-08-14');
  avenue
    .submit('2023-08-14', {
      title: 'Erhalt der Lindenallee: Baumpatenschaften statt Fällung',
      description:
        'Die Bürgerinitiative bittet darum, die geplante Fällung der Lindenallee auszusetzen und stattdessen Baumpatenschaften zu ermöglichen.',
      category: 'stadtgruen',
      channel: 'letter',
      requestedSupport: ['advice', 'networking'],
    })
    .acknowledge(2, STAFF.haas)
    .assign(0, STAFF.haas)
    .talk(9, {
      kind: 'meeting',
      by: 'administration',
      level: 'consult',
      summary: 'Gutachten zur Standsicherheit vorgestellt; Fragen der Initiative gesammelt.',
    })
    .promise(0, 'gutachten', 'administration', 'Das Amt stellt der Initiative das Baumgutachten zur Verfügung.', 14)
    .fulfil(6, 'gutachten', 'kept')
    .talk(20, {
      kind: 'site_visit',
      by: 'administration',
      level: 'involve',
      summary: 'Begehung der Allee mit dem Gutachter und der Initiative.',
    })
    .resolution('2023-11-23', 'DS 0377/2023', 'Ausschuss für Umwelt und Stadtgrün', 'approved')
    .close(
      4,
      'declined',
      'Verkehrssicherungspflicht: das Gutachten belegt die Bruchgefahr von 14 Linden; der Ausschuss hat Fällung und Ersatzpflanzung beschlossen. Baumpatenschaften für die Neupflanzung sind möglich.',
    )
    .feedback(10, 'initiative', [4, 3, 4, 4, 2], 'Offen informiert, aber unser Vorschlag hatte nie eine Chance.');

  const sponsors = new CaseScript(seed, 'lindenallee-patenschaften', 'lindenallee', '2024-03-04');
  sponsors
    .submit('2024-03-04', {
      title: 'Baumpatenschaften für die Neupflanzung der Lindenallee',
      description: 'Die Initiative übernimmt Patenschaften für die 30 neuen Linden.',
      category: 'stadtgruen',
      channel: 'online',
      requestedSupport: ['advice', 'equipment'],
    })
    .acknowledge(3, STAFF.haas)
    .assign(0, STAFF.haas)
    .support(7, 'paten', 'equipment', 'Gießsäcke und Pflegeanleitung für 30 Baumpatenschaften.')
    .promise(0, 'liste', 'initiative', 'Die Initiative benennt Patinnen und Paten für alle 30 Jungbäume.', 45)
    .fulfil(38, 'liste', 'kept')
    .talk(7, {
      kind: 'event',
      by: 'initiative',
      level: 'empower',
      summary: 'Pflanzfest: Patinnen und Paten pflanzen mit dem Bauhof 30 Linden.',
    })
    .routine('2025-11-03', {
      every: [45, 80],
      levels: ['involve', 'collaborate', 'empower'],
      kinds: ['email', 'site_visit', 'call'],
      initiativeShare: 0.6,
      topics: ['Gießplan für den Sommer', 'Kontrolle der Jungbäume', 'Neue Patenschaften vermittelt'],
    });
  return [avenue, sponsors];
}

export function villageShopCases(seed: number): CaseScript[] {
  // Never acknowledged, never answered: the initiative asks three times, a promised call never comes.
  const shop = new CaseScript(seed, 'dorfladen-gruendung', 'dorfladen', '2024-02-19');
  shop
    .submit('2024-02-19', {
      title: 'Beratung zur Gründung eines genossenschaftlichen Dorfladens in der ehemaligen Sparkassenfiliale',
      description:
        'Seit die Sparkasse geschlossen hat, gibt es in Oberdorf keinen Laden mehr. Die Genossenschaft in Gründung bittet um Beratung zu Räumen, Förderung und Gründung.',
      category: 'wirtschaft',
      channel: 'letter',
      requestedSupport: ['advice', 'networking', 'funding'],
    })
    .talk(30, {
      kind: 'call',
      by: 'initiative',
      level: 'inform',
      staff: STAFF.brandt,
      summary: 'Nachfrage zum Stand des Schreibens; Weiterleitung an die Wirtschaftsförderung angekündigt.',
    })
    .promise(0, 'rueckruf', 'administration', 'Die Wirtschaftsförderung ruft die Genossenschaft zurück.', 14)
    .talk(45, {
      kind: 'email',
      by: 'initiative',
      level: 'inform',
      staff: STAFF.okafor,
      summary: 'Erneute Nachfrage per E-Mail; automatische Eingangsbestätigung.',
    })
    .talk(40, {
      kind: 'call',
      by: 'initiative',
      level: 'inform',
      staff: STAFF.okafor,
      summary: 'Dritte Nachfrage; die Zuständigkeit ist weiter ungeklärt.',
    });
  return [shop];
}

export function foodSharingCases(seed: number): CaseScript[] {
  const fridge = new CaseScript(seed, 'foodsharing-fairteiler', 'foodsharing', '2024-04-15');
  const topics = {
    ...steady,
    every: [30, 60] as const,
    topics: [
      'Kühlschrank-Check mit dem Hausmeister',
      'Neue Abholkooperation mit der Bäckerei',
      'Hygienebelehrung für neue Aktive',
      'Öffnungszeiten des Foyers',
    ],
  };
  fridge
    .submit('2024-04-15', {
      title: 'Fair-Teiler-Kühlschrank im Foyer des Bürgerhauses Altstadt',
      description:
        'Die Initiative möchte einen öffentlich zugänglichen Kühlschrank für gerettete Lebensmittel aufstellen.',
      category: 'soziales',
      channel: 'online',
      requestedSupport: ['space', 'advice'],
    })
    .acknowledge(9, STAFF.brandt)
    .assign('2024-05-13', STAFF.okafor, 'Frau Okafor übernimmt in der Anlaufstelle.')
    .talk(4, {
      kind: 'meeting',
      by: 'administration',
      level: 'involve',
      summary: 'Abstimmung mit Hausmeister und Lebensmittelüberwachung.',
      logHours: 1,
    })
    .promise(
      0,
      'hygiene',
      'initiative',
      'Die Initiative stimmt ihr Hygienekonzept mit der Lebensmittelüberwachung ab.',
      30,
    )
    .promise(0, 'reinigung', 'initiative', 'Die Initiative hängt einen Reinigungsplan aus und führt ihn.', 14)
    .fulfil(20, 'hygiene', 'kept')
    .fulfil(5, 'reinigung', 'late')
    .support(0, 'foyer', 'space', 'Stellplatz und Stromanschluss im Foyer des Bürgerhauses.')
    .routine('2025-04-14', topics)
    .feedback('2025-04-14', 'initiative', [5, 4, 4, 5, 5])
    .feedback(0, 'administration', [4, 4, 5, 4, 4])
    .routine('2025-12-10', topics);
  return [fridge];
}
