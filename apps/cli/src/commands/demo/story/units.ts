import { Script } from './script';

/**
 * The administration of Musterstadt: a contact point and two departments, their staff (opaque
 * staffRefs as the town's directory would issue them; the people are invented), staff time set
 * aside per quarter, and one Mit-mach-Fonds per year.
 */
export type UnitKey = 'anlaufstelle' | 'bauordnung' | 'gruenKultur';

interface UnitPlan {
  readonly name: string;
  readonly isContactPoint: boolean;
  /** Hours per quarter set aside for supporting initiatives ("festes Zeitbudget"), by year. */
  readonly hoursPerQuarter: Readonly<Record<number, number>>;
}

export const UNITS: Readonly<Record<UnitKey, UnitPlan>> = {
  anlaufstelle: {
    name: 'Anlaufstelle Bürgerengagement',
    isContactPoint: true,
    hoursPerQuarter: { 2023: 12, 2024: 16, 2025: 16 },
  },
  bauordnung: { name: 'Bauordnungsamt', isContactPoint: false, hoursPerQuarter: { 2023: 16, 2024: 20, 2025: 24 } },
  gruenKultur: {
    name: 'Amt für Stadtgrün und Kultur',
    isContactPoint: false,
    hoursPerQuarter: { 2023: 24, 2024: 32, 2025: 32 },
  },
};

export interface Staff {
  readonly ref: string;
  readonly unit: UnitKey;
}

/** Fictional staff members (invented ids; no real person is meant). */
export const STAFF = {
  /** Anlaufstelle until her parental leave in May 2024. */
  brandt: { ref: 'anlaufstelle/k.brandt', unit: 'anlaufstelle' },
  /** Anlaufstelle from May 2024. */
  okafor: { ref: 'anlaufstelle/s.okafor', unit: 'anlaufstelle' },
  /** Bauordnungsamt, retires in autumn 2024. */
  wendler: { ref: 'bauordnung/t.wendler', unit: 'bauordnung' },
  yilmaz: { ref: 'bauordnung/m.yilmaz', unit: 'bauordnung' },
  /** Stadtgrün. */
  haas: { ref: 'gruen-kultur/j.haas', unit: 'gruenKultur' },
  /** Kultur, moves to another department in early 2025. */
  lorenz: { ref: 'gruen-kultur/p.lorenz', unit: 'gruenKultur' },
  nowak: { ref: 'gruen-kultur/a.nowak', unit: 'gruenKultur' },
} as const satisfies Record<string, Staff>;

export const unitName = (key: UnitKey) => `unit:${key}`;
export const fundName = (year: number) => `fund:${year}`;

export const STORY_YEARS = [2023, 2024, 2025] as const;

interface FundPlan {
  readonly year: number;
  readonly opensOn: string;
  readonly budgetEuro: number;
  readonly increases: readonly { on: string; euro: number; reason: string }[];
}

export const FUNDS: readonly FundPlan[] = [
  { year: 2023, opensOn: '2023-01-16', budgetEuro: 25_000, increases: [] },
  {
    year: 2024,
    opensOn: '2024-01-15',
    budgetEuro: 30_000,
    increases: [
      {
        on: '2024-06-20',
        euro: 10_000,
        reason: 'Aufstockung gemäß Ratsbeschluss zum Nachtragshaushalt 2024 (Drucksache 0231/2024).',
      },
    ],
  },
  {
    year: 2025,
    opensOn: '2025-01-13',
    budgetEuro: 40_000,
    increases: [
      {
        on: '2025-05-15',
        euro: 10_000,
        reason: 'Mittel aus dem Landesprogramm "Engagierte Stadt" zweckgebunden zugeführt.',
      },
      { on: '2025-09-18', euro: 5_000, reason: 'Umschichtung nicht abgerufener Mittel der Quartiersförderung.' },
    ],
  },
];

/** One script per unit: registration on the first working days of 2023, then a budget per quarter. */
export function unitScripts(seed: number): Script[] {
  return (Object.keys(UNITS) as UnitKey[]).map((key) => {
    const plan = UNITS[key];
    const script = new Script(seed, unitName(key), '2023-01-02');
    const unitId = script.id(unitName(key));
    script.send('2023-01-02', 'RegisterUnit', { unitId, name: plan.name, isContactPoint: plan.isContactPoint });
    for (const year of STORY_YEARS) {
      for (let quarter = 1; quarter <= 4; quarter += 1) {
        const firstDay = `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-0${quarter === 1 ? 3 : 1}`;
        script.send(firstDay, 'SetStaffTimeBudget', {
          unitId,
          period: `${year}-Q${quarter}`,
          hours: plan.hoursPerQuarter[year],
        });
        // Summer 2024: the Bauordnungsamt is short-staffed and halves what it can set aside.
        if (key === 'bauordnung' && year === 2024 && quarter === 3) {
          script.send('2024-08-12', 'SetStaffTimeBudget', {
            unitId,
            period: '2024-Q3',
            hours: plan.hoursPerQuarter[year] / 2,
          });
        }
      }
    }
    return script;
  });
}

/** One script per fund year: opened in January, topped up during the year. */
export function fundScripts(seed: number): Script[] {
  return FUNDS.map((plan) => {
    const script = new Script(seed, fundName(plan.year), plan.opensOn);
    const fundId = script.id(fundName(plan.year));
    script.send(plan.opensOn, 'OpenFund', {
      fundId,
      name: `Mit-mach-Fonds ${plan.year}`,
      year: plan.year,
      budgetCents: plan.budgetEuro * 100,
    });
    for (const increase of plan.increases) {
      script.send(increase.on, 'IncreaseFundBudget', {
        fundId,
        amountCents: increase.euro * 100,
        reason: increase.reason,
      });
    }
    return script;
  });
}
