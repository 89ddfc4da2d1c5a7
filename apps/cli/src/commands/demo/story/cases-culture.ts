import { CaseScript, Routine } from './case-script';
import { STAFF } from './units';

/** Culture: the yearly harbour festival and a children's circus on the fair meadow. */

const planning: Routine = {
  every: [10, 21],
  levels: ['involve', 'collaborate'],
  kinds: ['meeting', 'call', 'email'],
  initiativeShare: 0.5,
  topics: [
    'Planungstreffen Programm und Ablauf',
    'Lärmschutz und Anwohnerinformation',
    'Sanitär und Müll',
    'Rettungswege mit der Feuerwehr abgestimmt',
    'Helferplan und Aufbau',
  ],
};

export function festivalCases(seed: number): CaseScript[] {
  const first = new CaseScript(seed, 'hafensommer-2023', 'hafensommer', '2023-02-13');
  first
    .submit('2023-02-13', {
      title: 'Hafensommer 2023: Stadtteilfestival am alten Hafenbecken',
      description:
        'Das Kollektiv plant ein zweitägiges, kostenloses Stadtteilfestival mit Bands aus der Region, Kinderprogramm und Ständen der Vereine am alten Hafenbecken.',
      category: 'kultur',
      channel: 'contact_point',
      requestedSupport: ['permit', 'funding', 'equipment', 'networking'],
    })
    .acknowledge(6, STAFF.brandt)
    .assign(3, STAFF.lorenz, 'Veranstaltungen im öffentlichen Raum: das Kulturamt koordiniert die Genehmigungen.')
    .talk(4, {
      kind: 'meeting',
      by: 'administration',
      level: 'involve',
      summary: 'Planungstreffen: Fläche, Lärmschutz, Sanitär, Sicherheitskonzept.',
      logHours: 2,
    })
    .apply(3, 'festival', 2023, 5000, 'Bühnentechnik, Sanitär und Honorare für Bands aus der Region.')
    .promise(
      0,
      'sondernutzung',
      'administration',
      'Das Kulturamt erteilt die Sondernutzungserlaubnis für das Hafenbecken.',
      45,
    )
    .promise(0, 'sicherheit', 'initiative', 'Das Kollektiv reicht ein Sicherheits- und Sanitätskonzept ein.', 40)
    .award(24, 'festival', 4000, 'Teilbewilligung; Honorare anteilig.')
    .fulfil(6, 'sicherheit', 'kept')
    .fulfil(10, 'sondernutzung', 'kept')
    .support(
      0,
      'genehmigung',
      'permit',
      'Sondernutzungserlaubnis und verkehrsrechtliche Anordnung für das Festivalwochenende.',
    )
    .promise(7, 'strom', 'administration', 'Die Stadtwerke stellen einen Baustromverteiler am Hafenbecken bereit.', 40)
    .disburse(20, 'festival', 4000)
    .routine('2023-06-19', planning)
    .fulfil('2023-06-19', 'strom', 'late')
    .talk('2023-07-07', {
      kind: 'event',
      by: 'initiative',
      level: 'empower',
      summary: 'Hafensommer 2023: zwei Tage Festival, rund 3.000 Gäste; das Kulturamt ist vor Ort.',
    })
    .promise(3, 'nachweis', 'initiative', 'Das Kollektiv reicht Verwendungsnachweis und Abschlussbericht ein.', 60)
    .fulfil(50, 'nachweis', 'kept')
    .feedback(5, 'initiative', [4, 4, 4, 4, 4])
    .feedback(0, 'administration', [5, 5, 4, 5, 5])
    .close(7, 'completed', 'Festival durchgeführt, Verwendungsnachweis geprüft.');

  const second = new CaseScript(seed, 'hafensommer-2024', 'hafensommer', '2024-01-22');
  second
    .submit('2024-01-22', {
      title: 'Hafensommer 2024',
      description: 'Zweite Ausgabe des Stadtteilfestivals, diesmal an drei Tagen.',
      category: 'kultur',
      channel: 'contact_point',
      requestedSupport: ['permit', 'funding', 'equipment'],
    })
    .acknowledge(3, STAFF.brandt)
    .assign(2, STAFF.lorenz)
    .apply(
      7,
      'festival',
      2024,
      8000,
      'Bühnentechnik, Sanitär, Honorare und Barrierefreiheit (Rampen, Gebärdendolmetschung).',
    )
    .promise(0, 'buehne', 'administration', 'Die Stadt stellt die mobile Bühne aus dem städtischen Fundus.', 120)
    .promise(0, 'sondernutzung', 'administration', 'Das Kulturamt erteilt die Sondernutzungserlaubnis.', 60)
    .promise(0, 'sicherheit', 'initiative', 'Das Kollektiv aktualisiert das Sicherheitskonzept für drei Tage.', 45)
    .sponsor(5, 'unternehmen:hafenbrauerei', 'entrepreneur')
    .award(20, 'festival', 6000)
    .fulfil(10, 'sicherheit', 'kept')
    .fulfil(10, 'sondernutzung', 'kept')
    .disburse(14, 'festival', 6000)
    .routine('2024-05-21', planning)
    .withdraw(
      '2024-05-21',
      'buehne',
      'Die Bühne ist für das Stadtfest am selben Wochenende reserviert; die Stadt kann sie nicht stellen.',
    )
    .talk(1, {
      kind: 'call',
      by: 'initiative',
      level: 'consult',
      summary: 'Das Kollektiv organisiert eine Leihbühne über die Hafenbrauerei.',
    })
    .talk('2024-07-05', {
      kind: 'event',
      by: 'initiative',
      level: 'empower',
      summary: 'Hafensommer 2024: drei Tage auf der Leihbühne der Hafenbrauerei.',
    })
    .feedback(
      10,
      'initiative',
      [4, 2, 3, 4, 3],
      'Die Absage der Bühne sechs Wochen vorher hat uns viel Kraft gekostet.',
    )
    .close(20, 'completed', 'Festival durchgeführt.');

  const third = new CaseScript(seed, 'hafensommer-2025', 'hafensommer', '2025-01-20');
  third
    .submit('2025-01-20', {
      title: 'Hafensommer 2025',
      description: 'Dritte Ausgabe; das Programm gestalten erstmals Nachbarinnen und Nachbarn mit.',
      category: 'kultur',
      channel: 'online',
      requestedSupport: ['permit', 'funding'],
    })
    .acknowledge(2, STAFF.okafor)
    .assign(2, STAFF.lorenz)
    .apply(5, 'festival', 2025, 9000, 'Bühnentechnik, Honorare und ein Nachbarschaftsprogramm.')
    .award(30, 'festival', 7500)
    .promise(0, 'sondernutzung', 'administration', 'Das Kulturamt erteilt die Sondernutzungserlaubnis.', 30)
    .assign(
      '2025-03-10',
      STAFF.nowak,
      'Herr Lorenz hat das Amt gewechselt; Frau Nowak übernimmt die Kulturveranstaltungen. Übergabe schriftlich, Ordner Hafensommer.',
    )
    .renegotiate(30, 'sondernutzung', 14, 'Die Abstimmung mit der Wasserschutzpolizei dauerte länger.')
    .fulfil(10, 'sondernutzung', 'late')
    .disburse(5, 'festival', 7500)
    .routine('2025-07-04', planning)
    .talk('2025-07-04', {
      kind: 'event',
      by: 'initiative',
      level: 'empower',
      summary: 'Hafensommer 2025 mit rund 4.500 Gästen und einem Programm aus der Nachbarschaft.',
    })
    .promise(3, 'nachweis', 'initiative', 'Das Kollektiv reicht den Verwendungsnachweis ein.', 60)
    .fulfil(40, 'nachweis', 'kept')
    .feedback(3, 'initiative', [4, 3, 4, 5, 4])
    .feedback(0, 'administration', [4, 5, 4, 4, 4])
    .close(10, 'completed', 'Festival durchgeführt, Verwendungsnachweis geprüft.');
  first
    .grant('festival')
    .proof('2023-08-28', 4100, 'VN-2023-017', 420)
    .review('2023-09-05', 'accepted', 4000, 'Belege vollständig; Honorare und Technik wie bewilligt verwendet.')
    .settle('2023-09-08');
  // Four eyes: the award of 6 000 € was confirmed by a second clerk (award()); partly accepted, reclaimed, repaid.
  second
    .grant('festival')
    .proof('2024-09-16', 6000, 'VN-2024-031', 510)
    .review(
      '2024-10-07',
      'partially_accepted',
      5200,
      'Bewirtung der Helferinnen und Helfer (800 €) ist nach Nr. 4.3 der Förderrichtlinie nicht förderfähig.',
    )
    .reclaim(
      '2024-10-14',
      800,
      'Teilwiderruf: nicht förderfähige Bewirtungskosten laut Prüfung des Verwendungsnachweises.',
    )
    .repay('2024-11-11', 800)
    .settle('2024-11-12');
  third
    .grant('festival')
    .proof('2025-08-18', 7600, 'VN-2025-022', 560)
    .review('2025-08-28', 'accepted', 7500, 'Verwendungsnachweis geprüft; Mittel wie bewilligt verwendet.')
    .settle('2025-08-29');
  return [first, second, third];
}

export function circusCases(seed: number): CaseScript[] {
  const first = new CaseScript(seed, 'zirkus-2023', 'zirkus', '2023-04-03');
  const rehearsals: Routine = {
    every: [10, 20],
    levels: ['involve', 'collaborate'],
    kinds: ['call', 'email', 'site_visit'],
    initiativeShare: 0.6,
    topics: [
      'Zeltaufbau und Verankerung abgestimmt',
      'Strom und Wasser auf der Festwiese',
      'Anwohnerinformation verteilt',
    ],
  };
  first
    .submit('2023-04-03', {
      title: 'Sommerzeltplatz auf der Festwiese im Südpark',
      description:
        'Der Verein möchte in den Sommerferien sein Zirkuszelt auf der Festwiese aufstellen: Ferienworkshops für Kinder und zwei Aufführungen.',
      category: 'kultur',
      channel: 'online',
      requestedSupport: ['interim_use', 'permit', 'funding'],
    })
    .acknowledge(1, STAFF.brandt)
    .assign(2, STAFF.lorenz)
    .talk(5, {
      kind: 'site_visit',
      by: 'administration',
      level: 'collaborate',
      summary: 'Festwiese begangen: Zeltstandort, Strom, Zufahrt für Wohnwagen.',
      logHours: 2,
    })
    .apply(3, 'zelt', 2023, 2500, 'Zeltplanen, Sicherung und Transport.')
    .award(18, 'zelt', 2500)
    .interimUse(7, 'festwiese', {
      propertyRef: 'Südpark, Festwiese Teilfläche B',
      propertyKind: 'land',
      startsOn: '2023-07-01',
      endsOn: '2023-08-31',
      licenceToTry: false,
      conditions: ['Rasenschutz unter den Zeltstangen', 'Nachtruhe ab 22 Uhr'],
    })
    .disburse(7, 'zelt', 2500)
    .routine('2023-07-03', rehearsals)
    .talk('2023-07-14', {
      kind: 'event',
      by: 'initiative',
      level: 'empower',
      summary: 'Aufführung im Zirkuszelt mit rund 400 Gästen.',
    })
    .endInterimUse('2023-09-01', 'festwiese', 'expired')
    .feedback(3, 'initiative', [5, 5, 5, 4, 5])
    .close(7, 'completed', 'Zeltsommer durchgeführt, Fläche ohne Schäden zurückgegeben.');

  const second = new CaseScript(seed, 'zirkus-2024', 'zirkus', '2024-02-05');
  second
    .submit('2024-02-05', {
      title: 'Sommerzeltplatz 2024',
      description: 'Wie 2023, diesmal mit einer inklusiven Ferienwoche.',
      category: 'kultur',
      channel: 'online',
      requestedSupport: ['interim_use', 'funding'],
    })
    .acknowledge(2, STAFF.lorenz)
    .assign(0, STAFF.lorenz)
    .apply(7, 'zelt', 2024, 3000, 'Zeltmiete für die inklusive Ferienwoche.')
    .interimUse(14, 'festwiese', {
      propertyRef: 'Südpark, Festwiese Teilfläche B',
      propertyKind: 'land',
      startsOn: '2024-07-01',
      endsOn: '2024-08-31',
      licenceToTry: false,
      conditions: ['Rasenschutz unter den Zeltstangen', 'Nachtruhe ab 22 Uhr'],
    })
    .award(7, 'zelt', 3000)
    .promise(0, 'strom', 'administration', 'Die Stadtwerke schalten den Stromanschluss auf der Festwiese frei.', 110)
    .disburse(14, 'zelt', 3000)
    .routine('2024-06-17', rehearsals)
    .fulfil('2024-06-17', 'strom', 'kept')
    .endInterimUse('2024-09-02', 'festwiese', 'expired')
    .close(3, 'completed', 'Zeltsommer mit inklusiver Ferienwoche durchgeführt.')
    .feedback(0, 'initiative', [5, 5, 5, 5, 4]);
  first
    .grant('zelt')
    .proof('2023-09-25', 2500, 'VN-2023-024', 150)
    .review('2023-10-09', 'accepted', 2500, 'Belege vollständig.')
    .settle('2023-10-10');
  second
    .grant('zelt')
    .proof('2024-09-30', 3050, 'VN-2024-040', 180)
    .review('2024-10-21', 'accepted', 3000, 'Belege vollständig; Mehrkosten trägt die Initiative.')
    .settle('2024-10-22');
  return [first, second];
}
