import { CaseScript, Routine } from './case-script';
import { STAFF } from './units';

/** Places: the community garden on waste land, the third place on Gut Ziegenberg, vacant shops, the old dairy. */

const together: Omit<Routine, 'topics'> = {
  every: [18, 40],
  levels: ['involve', 'collaborate', 'collaborate', 'empower'],
  kinds: ['meeting', 'email', 'call', 'site_visit', 'workshop'],
  initiativeShare: 0.5,
};

export function gardenCases(seed: number): CaseScript[] {
  const garden = new CaseScript(seed, 'garten-brache', 'garten', '2023-03-06');
  const gardenTopics = {
    ...together,
    topics: [
      'Abstimmung Beetplan und Wegeführung',
      'Pflanzaktion mit der Grundschule Güterstraße',
      'Kompost und Grünschnitt: Abholung durch den Bauhof',
      'Nachbarschaftsbeschwerde wegen Lärm beim Sommerfest besprochen',
      'Gemeinsamer Arbeitseinsatz Zaun und Tor',
      'Erntedankfest geplant',
      'Saisonrückblick und Winterpause',
    ],
  };
  garden
    .submit('2023-03-06', {
      title: 'Gemeinschaftsgarten auf der Brachfläche am alten Güterbahnhof',
      description:
        'Der Verein möchte die seit Jahren brachliegende städtische Fläche am alten Güterbahnhof als offenen Gemeinschaftsgarten mit Hochbeeten, Obstwiese und Treffpunkt nutzen und bittet um eine Nutzungsvereinbarung, Beratung und Starthilfe.',
      category: 'stadtgruen',
      channel: 'contact_point',
      requestedSupport: ['interim_use', 'advice', 'funding', 'equipment'],
    })
    .acknowledge(3, STAFF.brandt, 'Eingang bestätigt; Erstgespräch in der Anlaufstelle vereinbart.')
    .talk(4, {
      kind: 'meeting',
      by: 'administration',
      level: 'involve',
      staff: STAFF.brandt,
      summary: 'Erstgespräch in der Anlaufstelle: Eigentum der Fläche, Ideen, nächste Schritte.',
      logHours: 1.5,
    })
    .assign(
      5,
      STAFF.haas,
      'Die Fläche gehört zum Grünflächenvermögen; Ansprechpartner ist jetzt das Amt für Stadtgrün und Kultur.',
    )
    .talk(8, {
      kind: 'site_visit',
      by: 'administration',
      level: 'collaborate',
      summary: 'Gemeinsame Begehung der Brachfläche: Zuwegung, Wasser, mögliche Altlasten.',
      logHours: 3,
    })
    .promise(
      0,
      'bodenprobe',
      'administration',
      'Das Amt beauftragt eine Bodenprobe auf Altlasten für die Gartenfläche.',
      30,
    )
    .promise(0, 'konzept', 'initiative', 'Der Verein legt ein Nutzungs- und Pflegekonzept vor.', 21)
    .fulfil(17, 'konzept', 'kept')
    .talk(2, { kind: 'email', by: 'initiative', level: 'involve', summary: 'Nutzungs- und Pflegekonzept übersandt.' })
    .fulfil(25, 'bodenprobe', 'late')
    .interimUse('2023-05-15', 'flaeche', {
      propertyRef: 'Flurstück 412/7, Gemarkung Musterstadt',
      propertyKind: 'land',
      startsOn: '2023-06-01',
      endsOn: '2024-05-31',
      licenceToTry: true,
      conditions: [
        'Nur Hochbeete, kein Anbau im gewachsenen Boden',
        'Zugang für die Öffentlichkeit tagsüber',
        'Verkehrssicherung durch den Verein',
      ],
    })
    .apply('2023-05-22', 'start', 2023, 4000, 'Hochbeete, Werkzeugcontainer und Saatgut für die erste Saison.')
    .award('2023-06-19', 'start', 3500, 'Bewilligt ohne Saatgut (Eigenleistung).')
    .disburse('2023-07-03', 'start', 3500)
    .sponsor('2023-07-10', 'unternehmen:gaertnerei-gruenwerk', 'entrepreneur')
    .routine('2023-11-20', gardenTopics)
    .feedback(
      '2023-11-20',
      'initiative',
      [4, 4, 4, 5, 4],
      'Die Lizenz zum Ausprobieren hat uns den Start ermöglicht; die Bodenprobe kam spät.',
    )
    .feedback(0, 'administration', [4, 5, 5, 4, 4])
    .routine('2024-03-04', gardenTopics)
    .extend('2024-03-04', 'flaeche', '2025-10-31')
    .routine('2025-02-03', gardenTopics)
    .apply('2025-02-03', 'regenwasser', 2025, 2500, 'Regenwassertanks und eine Kompostanlage.')
    .award('2025-03-10', 'regenwasser', 2500)
    .disburse('2025-04-07', 'regenwasser', 2500)
    .routine('2025-09-15', gardenTopics)
    .extend('2025-09-15', 'flaeche', '2026-10-31')
    .feedback('2025-10-06', 'initiative', [5, 4, 5, 5, 4])
    .feedback(0, 'administration', [4, 5, 5, 5, 4])
    .routine('2025-12-20', gardenTopics);

  const water = new CaseScript(seed, 'garten-wasser', 'garten', '2023-04-17');
  water
    .submit('2023-04-17', {
      title: 'Wasseranschluss (Standrohr) für den Gemeinschaftsgarten',
      description: 'Für die Bewässerung braucht der Garten einen Wasseranschluss am nahen Hydranten.',
      category: 'stadtgruen',
      channel: 'online',
      requestedSupport: ['permit', 'equipment'],
    })
    .acknowledge(2, STAFF.brandt)
    .assign(1, STAFF.haas)
    .talk(2, {
      kind: 'call',
      by: 'administration',
      level: 'involve',
      summary: 'Klärung mit den Stadtwerken: Standrohr mit Zähler am Hydranten Güterstraße.',
    })
    .support(
      1,
      'standrohr',
      'equipment',
      'Standrohr mit Wasserzähler vom Bauhof; Abrechnung des Verbrauchs über den Verein.',
    )
    .promise(0, 'standrohr', 'administration', 'Der Bauhof stellt das Standrohr bis zum Saisonstart bereit.', 30)
    .fulfil(18, 'standrohr', 'kept')
    .talk(3, {
      kind: 'email',
      by: 'initiative',
      level: 'involve',
      summary: 'Rückmeldung: Wasser läuft, erste Beete bewässert.',
    })
    .close('2023-06-12', 'completed', 'Standrohr installiert; die Wasserversorgung für die Saison ist gesichert.')
    .feedback(3, 'initiative', [5, 5, 4, 4, 4], 'Schnell und unkompliziert.')
    .reopen(
      '2024-03-11',
      'Das Standrohr ist im Winter durch Frost beschädigt worden; für die Saison 2024 wird ein frostsicherer Anschluss gebraucht.',
    )
    .talk(2, {
      kind: 'site_visit',
      by: 'administration',
      level: 'collaborate',
      summary: 'Ortstermin mit Bauhof und Verein: frostsicherer Anschluss mit Absperrventil.',
      logHours: 2,
    })
    .promise(
      0,
      'frostsicher',
      'administration',
      'Der Bauhof setzt einen frostsicheren Anschluss mit Absperrventil.',
      21,
    )
    .renegotiate(14, 'frostsicher', 30, 'Lieferzeit des Absperrventils; mit dem Verein abgestimmt.')
    .fulfil(24, 'frostsicher', 'kept')
    .close(7, 'completed', 'Frostsicherer Wasseranschluss übergeben.');
  garden
    .grant('start')
    .proof('2024-01-15', 3500, 'VN-2024-002', 600)
    .review('2024-02-05', 'accepted', 3500, 'Hochbeete und Container abgenommen.')
    .settle('2024-02-06');
  // The rain-water tanks' proof of use is not due yet (award()'s default: ten months on).
  return [garden, water];
}

export function ziegenbergCases(seed: number): CaseScript[] {
  const place = new CaseScript(seed, 'ziegenberg-dritter-ort', 'ziegenberg', '2023-02-01');
  const placeTopics = {
    ...together,
    kinds: ['meeting', 'workshop', 'event', 'call', 'email'] as const,
    initiativeShare: 0.55,
    topics: [
      'Programmrat: Café-Öffnungszeiten und Veranstaltungen',
      'Offener Werkstatttag mit der Nachbarschaft',
      'Abstimmung Brandschutzauflagen Erdgeschoss',
      'Hofflohmarkt und Erntefest',
      'Finanzierungsrunde mit Stiftungen',
      'Nutzungsvereinbarung: Zwischenbilanz',
      'Betreibermodell: Varianten durchgesprochen',
    ],
  };
  place
    .submit('2023-02-01', {
      title: 'Dritter Ort im Gutshaus Ziegenberg: Café, Werkstatt und Veranstaltungsraum',
      description:
        'Die Initiative möchte das leerstehende städtische Gutshaus als offenen Dritten Ort für Ziegenberg beleben: Café, offene Werkstatt, Raum für Vereine und Kultur. Sie bittet um eine Zwischennutzung, Beratung zu Genehmigungen und Starthilfe.',
      category: 'stadtentwicklung',
      channel: 'contact_point',
      requestedSupport: ['interim_use', 'permit', 'advice', 'funding', 'networking'],
    })
    .acknowledge(
      3,
      STAFF.brandt,
      'Eingang bestätigt; das Gutshaus ist städtisch, wir laden mit dem Liegenschaftsamt zum Erstgespräch ein.',
    )
    .talk(6, {
      kind: 'meeting',
      by: 'administration',
      level: 'involve',
      staff: STAFF.brandt,
      summary: 'Erstgespräch: Zustand des Gutshauses, Ideen der Initiative, Wege zur Zwischennutzung.',
      logHours: 2,
    })
    .assign(
      8,
      STAFF.wendler,
      'Nutzungsänderung und Brandschutz sind der kritische Pfad; Federführung beim Bauordnungsamt, die Anlaufstelle bleibt im Verteiler.',
    )
    .talk(5, {
      kind: 'site_visit',
      by: 'administration',
      level: 'collaborate',
      summary: 'Begehung mit der Brandschutzdienststelle: Erdgeschoss nutzbar, Obergeschoss gesperrt.',
      logHours: 3,
    })
    .promise(
      0,
      'brandschutz',
      'administration',
      'Das Bauordnungsamt legt eine Stellungnahme zum Brandschutz für das Erdgeschoss vor.',
      28,
    )
    .promise(
      0,
      'betriebskonzept',
      'initiative',
      'Die Initiative legt ein Betriebs- und Finanzierungskonzept für den Dritten Ort vor.',
      60,
    )
    .talk(10, {
      kind: 'workshop',
      by: 'initiative',
      level: 'empower',
      summary:
        'Zukunftswerkstatt auf dem Gutshof: die Nachbarschaft entwirft das Nutzungskonzept, die Verwaltung berät.',
    })
    .renegotiate(
      8,
      'brandschutz',
      35,
      'Die Prüfung der Fluchtwege braucht einen zweiten Termin; mit der Initiative vereinbart.',
    )
    .fulfil(25, 'brandschutz', 'kept')
    .sponsor(5, 'ratsinfo:person-0815', 'council_member')
    .apply(
      '2023-04-24',
      'start',
      2023,
      6000,
      'Ertüchtigung des Erdgeschosses: Elektrik, Küchenzeile, Möbel aus zweiter Hand.',
    )
    .fulfil('2023-05-08', 'betriebskonzept', 'late')
    .award('2023-05-22', 'start', 6000, 'Förderfähig nach Nr. 3 der Förderrichtlinie; hohe Eigenleistung.')
    .interimUse('2023-05-30', 'gutshaus', {
      propertyRef: 'Liegenschaft 0317 Gut Ziegenberg, Gutshaus EG',
      propertyKind: 'building',
      startsOn: '2023-06-01',
      endsOn: '2024-05-31',
      licenceToTry: true,
      conditions: [
        'Nutzung nur im Erdgeschoss',
        'Höchstens 60 Personen gleichzeitig',
        'Veranstaltungen werktags bis 22 Uhr',
        'Nebenkosten trägt die Initiative',
      ],
    })
    .disburse('2023-06-05', 'start', 3000)
    .routine('2023-10-02', placeTopics)
    .disburse('2023-10-02', 'start', 3000)
    .feedback(
      '2023-11-06',
      'initiative',
      [4, 4, 5, 4, 4],
      'Mit der Lizenz zum Ausprobieren konnten wir anfangen, bevor alles fertig war.',
    )
    .feedback(
      1,
      'administration',
      [4, 3, 5, 5, 4],
      'Verlässliche Partner; das Betriebskonzept kam spät, war aber gründlich.',
    )
    .routine('2024-04-15', placeTopics)
    .extend('2024-04-15', 'gutshaus', '2025-03-31')
    .routine('2024-09-23', placeTopics)
    .assign(
      '2024-09-23',
      STAFF.yilmaz,
      'Herr Wendler geht in den Ruhestand; Übergabe in einem gemeinsamen Termin auf dem Gutshof, Akte im DMS unter Az. 63-2023-031.',
    )
    .talk(3, {
      kind: 'meeting',
      by: 'administration',
      level: 'collaborate',
      summary: 'Übergabetermin auf dem Gutshof: Stand Brandschutz, Betreibermodell, offene Punkte.',
      logHours: 2,
    })
    .promise(
      0,
      'vorlage',
      'administration',
      'Die Verwaltung bringt eine Ratsvorlage zum Betreibermodell Gut Ziegenberg ein.',
      60,
    )
    .fulfil(42, 'vorlage', 'kept')
    .resolution('2024-11-28', 'DS 0412/2024', 'Rat der Stadt Musterstadt', 'approved')
    .routine('2025-03-24', placeTopics)
    .endInterimUse('2025-03-31', 'gutshaus', 'converted')
    .institutionalise(0, 'operator_model', '2025-04-01', '57.30.01.541000')
    .feedback(
      '2025-05-12',
      'initiative',
      [4, 5, 5, 4, 5],
      'Vom Ausprobieren zum Betreibermodell in gut zwei Jahren: das hätten wir nicht erwartet.',
    )
    .feedback(2, 'administration', [5, 4, 5, 5, 5])
    .routine('2025-12-22', { ...placeTopics, every: [30, 55], levels: ['collaborate', 'empower'] });

  const farmShop = new CaseScript(seed, 'ziegenberg-hofladen', 'ziegenberg', '2024-06-03');
  farmShop
    .submit('2024-06-03', {
      title: 'Hofladen und Wochenmarkt auf dem Gutshof Ziegenberg',
      description:
        'Die Genossenschaft möchte einen Hofladen mit regionalen Produkten und einen kleinen Wochenmarkt auf dem Gutshof eröffnen.',
      category: 'wirtschaft',
      channel: 'online',
      requestedSupport: ['funding', 'permit', 'advice'],
    })
    .acknowledge(5, STAFF.okafor)
    .assign(3, STAFF.okafor)
    .talk(4, {
      kind: 'meeting',
      by: 'administration',
      level: 'involve',
      summary: 'Beratung zu Marktsatzung, Gewerbeanmeldung und Lebensmittelrecht.',
    })
    .apply('2024-07-01', 'hofladen', 2024, 9000, 'Kühltheke und Marktstände für den Hofladen.')
    .reject(
      '2024-08-05',
      'hofladen',
      'Investitionen in gewerbliche Verkaufsinfrastruktur sind nach Nr. 4.3 der Förderrichtlinie nicht förderfähig; Hinweis auf das LEADER-Regionalbudget.',
    )
    .talk(3, {
      kind: 'call',
      by: 'administration',
      level: 'consult',
      summary: 'Ablehnung erläutert; Kontakt zum LEADER-Regionalmanagement vermittelt.',
    })
    .support(0, 'leader', 'networking', 'Vermittlung an das LEADER-Regionalmanagement und die Wirtschaftsförderung.')
    .feedback(
      '2024-09-16',
      'initiative',
      [4, 3, 4, 3, 3],
      'Die Ablehnung war nachvollziehbar begründet, die Vermittlung hilfreich.',
    )
    .routine('2025-08-01', {
      every: [35, 70],
      levels: ['consult', 'involve'],
      kinds: ['call', 'email', 'meeting'],
      initiativeShare: 0.6,
      topics: [
        'Stand des LEADER-Antrags',
        'Marktsatzung: Ausnahme für den Wochenmarkt',
        'Abstimmung Parken am Markttag',
        'Zwischenstand Hofladen',
      ],
    });
  place
    .grant('start')
    .proof('2024-02-12', 6400, 'VN-2024-008', 900)
    .review('2024-03-04', 'accepted', 6000, 'Verwendungsnachweis geprüft; Mehrkosten als Eigenleistung getragen.')
    .settle('2024-03-05');
  return [place, farmShop];
}

export function vacantShopCases(seed: number): CaseScript[] {
  const shopTopics = {
    ...together,
    every: [20, 40] as const,
    levels: ['involve', 'collaborate'] as const,
    topics: [
      'Programm im Laden: Lesungen, Repair-Abend, Kleidertausch',
      'Rückmeldung der Nachbarschaft und der Händler',
      'Abstimmung mit der Eigentümergemeinschaft',
      'Schaufenstergestaltung mit der Kunstschule',
      'Zwischenbilanz Besucherzahlen',
    ],
  };
  const shop = new CaseScript(seed, 'leerstand-marktstrasse', 'leerstand', '2023-04-12');
  shop
    .submit('2023-04-12', {
      title: 'Zwischennutzung des leerstehenden Ladenlokals Marktstraße 7 ("Lizenz zum Ausprobieren")',
      description:
        'Das Ladenlokal steht seit drei Jahren leer. Die Initiative möchte es als offenen Laden für Kultur, Reparieren und Nachbarschaft zwischennutzen, bis sich ein Mieter findet.',
      category: 'innenstadt',
      channel: 'contact_point',
      requestedSupport: ['interim_use', 'permit', 'advice'],
    })
    .acknowledge(
      19,
      STAFF.brandt,
      'Entschuldigung für die späte Rückmeldung (Urlaubsvertretung). Wir klären die Eigentümerfrage.',
    )
    .assign(4, STAFF.yilmaz, 'Nutzungsänderung Laden zu Treffpunkt: das Bauordnungsamt prüft.')
    .talk(3, {
      kind: 'call',
      by: 'administration',
      level: 'consult',
      summary: 'Telefonat: Unterlagen für die Prüfung der Nutzungsänderung.',
    })
    .promise(
      0,
      'eigentuemer',
      'administration',
      'Das Bauordnungsamt klärt mit der Eigentümergemeinschaft die Bedingungen einer Zwischennutzung.',
      21,
    )
    .talk(10, {
      kind: 'meeting',
      by: 'initiative',
      level: 'involve',
      summary: 'Die Initiative stellt ihr Programm vor: offene Werkstatt, Lesungen, Repair-Abende.',
    })
    .fulfil(25, 'eigentuemer', 'late')
    .interimUse(8, 'laden', {
      propertyRef: 'Marktstraße 7, Erdgeschoss',
      propertyKind: 'vacant_shop',
      startsOn: '2023-07-01',
      endsOn: '2023-12-31',
      licenceToTry: true,
      conditions: [
        'Nutzung bis 22 Uhr',
        'Höchstens 30 Personen gleichzeitig',
        'Haftpflichtversicherung der Initiative',
        'Rückbau auf eigene Kosten',
      ],
    })
    .support(0, 'beratung', 'advice', 'Beratung zu Brandschutz und Barrierefreiheit durch das Bauordnungsamt.')
    .routine('2023-11-27', shopTopics)
    .extend('2023-11-27', 'laden', '2024-06-30')
    .feedback('2023-12-11', 'initiative', [2, 3, 4, 4, 4], 'Der Anfang war zäh, seit der Zusage klappt es.')
    .routine('2024-05-27', shopTopics)
    .extend('2024-05-27', 'laden', '2024-12-31')
    .routine('2024-10-07', shopTopics)
    .endInterimUse('2024-10-31', 'laden', 'ended_by_owner')
    .close(
      3,
      'completed',
      'Der Eigentümer hat das Ladenlokal regulär vermietet: die Zwischennutzung hat den Leerstand beendet.',
    )
    .feedback(7, 'initiative', [4, 4, 5, 4, 4], 'Ziel erreicht: der Laden lebt wieder.')
    .feedback(1, 'administration', [4, 4, 5, 4, 4]);

  const gallery = new CaseScript(seed, 'leerstand-schuhhaus', 'leerstand', '2025-02-17');
  gallery
    .submit('2025-02-17', {
      title: 'Pop-up-Galerie im ehemaligen Schuhhaus Bahnhofstraße 22',
      description:
        'Nach der Marktstraße möchte die Initiative ein zweites leeres Ladenlokal als Galerie für junge Kunst aus der Region zwischennutzen.',
      category: 'innenstadt',
      channel: 'online',
      requestedSupport: ['interim_use', 'funding'],
    })
    .acknowledge(4, STAFF.okafor)
    .assign(2, STAFF.yilmaz)
    .talk(3, {
      kind: 'site_visit',
      by: 'administration',
      level: 'collaborate',
      summary: 'Begehung mit der Eigentümerin; Bedingungen wie in der Marktstraße.',
      logHours: 1.5,
    })
    .apply(7, 'galerie', 2025, 2500, 'Beleuchtung und Stellwände für Ausstellungen.')
    .interimUse('2025-03-24', 'schuhhaus', {
      propertyRef: 'Bahnhofstraße 22, Erdgeschoss',
      propertyKind: 'vacant_shop',
      startsOn: '2025-04-01',
      endsOn: '2025-09-30',
      licenceToTry: true,
      conditions: ['Nutzung bis 21 Uhr', 'Höchstens 40 Personen gleichzeitig', 'Schaufenster bleibt gestaltet'],
    })
    .award('2025-04-07', 'galerie', 2000, 'Teilbewilligung; Stellwände aus dem Fundus des Kulturamts.', '2025-10-31')
    .disburse('2025-04-22', 'galerie', 2000)
    .routine('2025-09-01', shopTopics)
    .extend('2025-09-01', 'schuhhaus', '2026-03-31')
    .routine('2025-12-19', shopTopics);
  // The gallery's proof of use was due on 31 October and has not come in: overdue.
  return [shop, gallery];
}

export function dairyCases(seed: number): CaseScript[] {
  const dairy = new CaseScript(seed, 'molkerei-werkstatt', 'molkerei', '2023-06-12');
  const topics = [
    'Sicherheitsunterweisung Holzwerkstatt',
    'Kurse für Schulklassen abgestimmt',
    'Nachfrage der Initiative zu Heizung und Dach',
    'Tag der offenen Werkstatt',
    'Abstimmung Versicherung und Haftung',
    'Zwischenbilanz Nutzung der Halle',
  ];
  dairy
    .submit('2023-06-12', {
      title: 'Offene Werkstatt in der Alten Molkerei (städtisches Gebäude, seit 2019 leer)',
      description:
        'Die gGmbH möchte in der Halle der Alten Molkerei eine offene Holz- und Metallwerkstatt mit Kursen für Jugendliche einrichten.',
      category: 'stadtentwicklung',
      channel: 'letter',
      requestedSupport: ['interim_use', 'permit', 'funding', 'advice'],
    })
    .acknowledge(
      23,
      STAFF.wendler,
      'Rückmeldung nach Prüfung der Zuständigkeit; das Gebäude begleitet das Bauordnungsamt.',
    )
    .assign(0, STAFF.wendler)
    .talk(7, {
      kind: 'site_visit',
      by: 'administration',
      level: 'involve',
      summary: 'Begehung: Dach dicht, Elektrik veraltet, Brandschutz offen.',
      logHours: 2,
    })
    .promise(
      0,
      'begehung',
      'administration',
      'Das Bauordnungsamt organisiert eine Brandschutzbegehung mit der Feuerwehr.',
      30,
    )
    .promise(0, 'elektro', 'administration', 'Das Gebäudemanagement veranlasst eine Elektroprüfung der Halle.', 45)
    .talk(20, {
      kind: 'email',
      by: 'initiative',
      level: 'consult',
      summary: 'Nachfrage der Initiative zum Stand der Brandschutzbegehung.',
    })
    .renegotiate(20, 'begehung', 30, 'Terminengpass bei der Feuerwehr.')
    .fulfil(25, 'begehung', 'late')
    .withdraw(
      10,
      'elektro',
      'Das Gebäudemanagement hat keine Kapazität; die Initiative soll selbst einen Elektrobetrieb beauftragen.',
    )
    .feedback(
      7,
      'initiative',
      [2, 2, 3, 3, 2],
      'Zusagen wurden verschoben oder zurückgenommen; wir mussten oft nachfragen.',
    )
    .routine('2023-12-11', {
      every: [25, 50],
      levels: ['consult', 'involve'],
      kinds: ['email', 'call', 'meeting'],
      initiativeShare: 0.6,
      topics,
    })
    .interimUse('2023-12-11', 'halle', {
      propertyRef: 'Liegenschaft 0522 Alte Molkerei, Halle 1',
      propertyKind: 'building',
      startsOn: '2024-01-01',
      endsOn: '2025-12-31',
      licenceToTry: true,
      conditions: [
        'Elektroprüfung durch einen Fachbetrieb vor Nutzungsbeginn',
        'Werkstattbetrieb werktags 8 bis 20 Uhr',
        'Unterweisung aller Nutzenden',
      ],
    })
    .apply('2024-02-05', 'werkstatt', 2024, 10000, 'Absauganlage und Sicherheitstechnik für die Holzwerkstatt.')
    .award('2024-03-18', 'werkstatt', 7000, 'Bewilligt ohne Kleinwerkzeug (Eigenleistung).', '2025-06-30')
    .disburse('2024-04-08', 'werkstatt', 3500)
    .routine('2024-09-30', { ...together, every: [25, 45], levels: ['involve', 'collaborate'], topics })
    .assign('2024-09-30', STAFF.yilmaz, 'Übergabe wegen des Ruhestands von Herrn Wendler; Akte Az. 63-2023-058.')
    .routine('2025-03-03', { ...together, every: [25, 45], levels: ['involve', 'collaborate'], topics })
    .disburse('2025-03-03', 'werkstatt', 2500)
    .promise(
      0,
      'perspektive',
      'administration',
      'Die Verwaltung entscheidet über eine Nutzung der Halle über 2025 hinaus.',
      180,
    )
    .feedback(
      '2025-04-14',
      'initiative',
      [3, 3, 4, 4, 3],
      'Besser seit dem Wechsel, aber die Perspektive nach 2025 ist offen.',
    )
    .routine('2025-12-15', { ...together, every: [25, 45], levels: ['involve', 'collaborate'], topics });
  // Awarded 7 000 €, paid out 6 000 €: settling gives the 1 000 € never paid back to the fund.
  dairy
    .grant('werkstatt')
    .proof('2025-06-16', 6000, 'VN-2025-030', 750)
    .review('2025-07-07', 'accepted', 6000, 'Absauganlage abgenommen; Kleinwerkzeug in Eigenleistung.')
    .settle('2025-07-08');
  return [dairy];
}
