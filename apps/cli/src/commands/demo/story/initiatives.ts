import type { DataOf } from './script';
import { Script } from './script';

/**
 * The civil society of Musterstadt: a dozen initiatives like those in the seed documents. Contact
 * persons, e-mail addresses and phone numbers are INVENTED (personal data in the domain's sense,
 * but fictional: every address is at example.org, every phone number is a 555 number).
 */
export type InitiativeKey =
  | 'garten'
  | 'ziegenberg'
  | 'leerstand'
  | 'hafensommer'
  | 'nordstadt'
  | 'wildeAllianz'
  | 'repairCafe'
  | 'lindenallee'
  | 'molkerei'
  | 'dorfladen'
  | 'zirkus'
  | 'foodsharing';

type Contact = DataOf<'RegisterInitiative'>['contact'];

interface InitiativePlan {
  readonly name: string;
  readonly kind: DataOf<'RegisterInitiative'>['kind'];
  readonly district: string;
  readonly registeredOn: string;
  readonly contact: Contact;
  /** Later changes of the profile (a new contact person, a new name after founding). */
  readonly updates?: readonly {
    on: string;
    name?: string;
    kind?: DataOf<'RegisterInitiative'>['kind'];
    contact?: Contact;
  }[];
  /** ReportActiveMembers over the years. */
  readonly members: readonly (readonly [on: string, count: number])[];
  readonly dissolved?: { on: string; reason: string };
}

export const INITIATIVES: Readonly<Record<InitiativeKey, InitiativePlan>> = {
  garten: {
    name: 'Gemeinschaftsgarten Güterbahnhof e.V.',
    kind: 'association',
    district: 'Bahnhofsviertel',
    registeredOn: '2023-02-20',
    contact: { name: 'Mira Beispiel', email: 'mira.beispiel@example.org' },
    members: [
      ['2023-03-01', 12],
      ['2023-09-15', 19],
      ['2024-04-10', 25],
      ['2025-05-06', 31],
    ],
  },
  ziegenberg: {
    name: 'Initiative Gut Ziegenberg',
    kind: 'informal_alliance',
    district: 'Ziegenberg',
    registeredOn: '2023-01-23',
    contact: { name: 'Jonas Muster', email: 'jonas.muster@example.org', phone: '+49 5555 0101' },
    updates: [
      {
        on: '2024-02-26',
        name: 'Gutshof Ziegenberg eG',
        kind: 'cooperative',
        contact: { name: 'Jonas Muster', email: 'vorstand@gutshof-ziegenberg.example.org' },
      },
    ],
    members: [
      ['2023-02-01', 18],
      ['2023-10-02', 26],
      ['2024-03-04', 34],
      ['2025-04-07', 52],
    ],
  },
  leerstand: {
    name: 'Leerstand Lebendig',
    kind: 'informal_alliance',
    district: 'Altstadt',
    registeredOn: '2023-04-03',
    contact: { name: 'Pia Probst', email: 'pia.probst@example.org' },
    updates: [{ on: '2024-11-18', contact: { name: 'Emil Exempel', email: 'emil.exempel@example.org' } }],
    members: [
      ['2023-04-12', 7],
      ['2024-01-15', 11],
      ['2025-01-20', 9],
    ],
  },
  hafensommer: {
    name: 'Hafensommer-Kollektiv',
    kind: 'informal_alliance',
    district: 'Am Hafen',
    registeredOn: '2023-01-30',
    contact: { name: 'Luca Platzhalter', email: 'luca.platzhalter@example.org', phone: '+49 5555 0102' },
    updates: [{ on: '2025-01-13', contact: { name: 'Noor Testfeld', email: 'noor.testfeld@example.org' } }],
    members: [
      ['2023-02-13', 15],
      ['2024-01-22', 22],
      ['2025-01-20', 26],
    ],
  },
  nordstadt: {
    name: 'Nachbarschaftsnetz Nordstadt e.V.',
    kind: 'association',
    district: 'Nordstadt',
    registeredOn: '2023-03-13',
    contact: { name: 'Aylin Fiktiv', email: 'aylin.fiktiv@example.org' },
    members: [
      ['2023-03-20', 9],
      ['2024-03-18', 14],
      ['2025-03-17', 20],
      ['2025-10-06', 23],
    ],
  },
  wildeAllianz: {
    name: 'Wilde Allianz Weststadt',
    kind: 'informal_alliance',
    district: 'Weststadt',
    registeredOn: '2023-05-08',
    contact: { name: 'Ole Erfunden', email: 'ole.erfunden@example.org' },
    members: [
      ['2023-05-15', 16],
      ['2024-05-13', 9],
      ['2025-03-10', 14],
    ],
  },
  repairCafe: {
    name: 'Repair-Café Südviertel',
    kind: 'citizens_initiative',
    district: 'Südviertel',
    registeredOn: '2023-02-27',
    contact: { name: 'Greta Demo', email: 'greta.demo@example.org' },
    updates: [{ on: '2024-07-01', contact: { name: 'Hans Demo', email: 'hans.demo@example.org' } }],
    // The initiative that shrinks: fewer and fewer active members, then it dissolves.
    members: [
      ['2023-03-01', 14],
      ['2023-11-06', 11],
      ['2024-06-10', 8],
      ['2025-01-13', 5],
      ['2025-06-02', 3],
    ],
    dissolved: {
      on: '2025-09-15',
      reason:
        'Zu wenige Aktive. Die Reparaturtermine übernimmt das Stadtteilbüro des Nachbarschaftsnetzes Nordstadt, das Werkzeug geht an die Offene Werkstatt Alte Molkerei.',
    },
  },
  lindenallee: {
    name: 'Bürgerinitiative Lindenallee',
    kind: 'citizens_initiative',
    district: 'Oberdorf',
    registeredOn: '2023-08-07',
    contact: { name: 'Karla Beispielhaft', email: 'karla.beispielhaft@example.org' },
    members: [
      ['2023-08-14', 21],
      ['2024-03-04', 12],
    ],
  },
  molkerei: {
    name: 'Offene Werkstatt Alte Molkerei gGmbH',
    kind: 'social_enterprise',
    district: 'Bahnhofsviertel',
    registeredOn: '2023-06-05',
    contact: { name: 'Deniz Vorlage', email: 'deniz.vorlage@example.org', phone: '+49 5555 0103' },
    members: [
      ['2023-06-12', 6],
      ['2024-01-08', 10],
      ['2025-01-13', 12],
    ],
  },
  dorfladen: {
    name: 'Dorfladen Oberdorf eG i.G.',
    kind: 'cooperative',
    district: 'Oberdorf',
    registeredOn: '2024-02-12',
    contact: { name: 'Walter Muster', email: 'walter.muster@example.org' },
    members: [['2024-02-19', 8]],
  },
  zirkus: {
    name: 'Kinder- und Jugendzirkus Wirbelwind e.V.',
    kind: 'association',
    district: 'Südviertel',
    registeredOn: '2023-03-27',
    contact: { name: 'Sina Exempel', email: 'sina.exempel@example.org' },
    members: [
      ['2023-04-03', 20],
      ['2024-02-05', 24],
      ['2025-02-03', 27],
    ],
  },
  foodsharing: {
    name: 'Foodsharing Musterstadt',
    kind: 'citizens_initiative',
    district: 'Altstadt',
    registeredOn: '2024-04-08',
    contact: { name: 'Tarek Platzhalter', email: 'tarek.platzhalter@example.org' },
    members: [
      ['2024-04-15', 25],
      ['2025-04-14', 31],
    ],
  },
};

export const initiativeName = (key: InitiativeKey) => `initiative:${key}`;

/** One script per initiative: registration, profile changes and member reports in date order, dissolution last. */
export function initiativeScripts(seed: number): Script[] {
  return (Object.keys(INITIATIVES) as InitiativeKey[]).map((key) => {
    const plan = INITIATIVES[key];
    const script = new Script(seed, initiativeName(key), plan.registeredOn);
    const initiativeId = script.id(initiativeName(key));
    script.send(plan.registeredOn, 'RegisterInitiative', {
      initiativeId,
      name: plan.name,
      kind: plan.kind,
      district: plan.district,
      contact: plan.contact,
    });
    const later = [
      ...(plan.updates ?? []).map(({ on, ...fields }) => ({
        on,
        send: () => script.send(on, 'UpdateInitiativeProfile', { initiativeId, ...fields }),
      })),
      ...plan.members.map(([on, activeMembers]) => ({
        on,
        send: () => script.send(on, 'ReportActiveMembers', { initiativeId, activeMembers }),
      })),
    ].sort((a, b) => a.on.localeCompare(b.on));
    for (const step of later) step.send();
    if (plan.dissolved)
      script.send(plan.dissolved.on, 'DissolveInitiative', { initiativeId, reason: plan.dissolved.reason });
    return script;
  });
}
