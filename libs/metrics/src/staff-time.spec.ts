import { foldCaseEvents, StaffTimeEntry } from './case-history';
import {
  budgetHours,
  computeStaffTimeUse,
  emptyUnitHistory,
  foldUnitEvent,
  staffTimeEntries,
  UnitHistory,
} from './staff-time';
import { caseEvents, eventBuilder, positions } from './testing/case-events';

describe('staffTimeUse', () => {
  const next = positions();
  const ev = eventBuilder(next);
  const budget = (at: string, period: string, hours: number, unitId = 'unit-1') =>
    ev('StaffTimeBudgetSet', { unitId, period, hours }, at);
  let unit: UnitHistory;
  beforeEach(() => {
    unit = [
      budget('2025-12-20T00:00:00Z', '2026-01', 40),
      budget('2026-01-05T00:00:00Z', '2026-01', 50), // replaces 40 from 01-05 on
      budget('2025-12-20T00:00:00Z', '2026-Q2', 120),
      budget('2025-12-20T00:00:00Z', '2026-01', 999, 'unit-2'), // another unit: ignored
    ].reduce(foldUnitEvent, emptyUnitHistory('unit-1'));
  });
  const e = caseEvents('case-1', next);
  const f = caseEvents('case-2', next);
  let entries: StaffTimeEntry[];
  beforeEach(() => {
    entries = [
      ...staffTimeEntries(
        foldCaseEvents([
          e.staffTime('2026-01-10T10:00:00Z', 'unit-1', 10),
          e.staffTime('2026-01-31T22:59:00Z', 'unit-1', 2), // 23:59 on 01-31 in Berlin: January
          e.staffTime('2026-01-31T23:30:00Z', 'unit-1', 5), // 00:30 on 02-01 in Berlin: February
          e.staffTime('2026-01-12T10:00:00Z', 'unit-2', 7), // another unit
        ]),
      ),
      ...staffTimeEntries(
        foldCaseEvents([
          f.staffTime('2026-04-15T10:00:00Z', 'unit-1', 6),
          f.staffTime('2026-05-10T10:00:00Z', 'unit-1', 3),
        ]),
      ),
    ];
  });
  const use = (period: string, asOf: string) => computeStaffTimeUse({ unit, entries, period, asOf: new Date(asOf) });

  it('a month: logged hours over the month budget in force', () => {
    // 10 + 2 = 12 of 50
    expect(use('2026-01', '2026-02-10T00:00:00Z')).toEqual({
      unitId: 'unit-1',
      period: '2026-01',
      loggedHours: 12,
      budgetHours: 50,
      staffTimeUse: 0.24,
    });
    // as of 01-04: nothing logged yet, budget still 40
    expect(use('2026-01', '2026-01-04T00:00:00Z')).toMatchObject({ loggedHours: 0, budgetHours: 40, staffTimeUse: 0 });
  });

  it('null without a budget', () => {
    expect(use('2026-02', '2026-03-01T00:00:00Z')).toMatchObject({
      loggedHours: 5,
      budgetHours: null,
      staffTimeUse: null,
    });
    // Q3: no budget of its own and none of its months has one
    expect(budgetHours(unit, '2026-Q3', new Date('2026-10-01T00:00:00Z'))).toBeNull();
  });

  it('a quarter without its own budget sums the months that have one (a month without one adds nothing)', () => {
    // Q1: only January has a budget (50); February and March none -> 50; logged 12 + 5 = 17 -> 0.34
    expect(use('2026-Q1', '2026-04-01T00:00:00Z')).toMatchObject({
      loggedHours: 17,
      budgetHours: 50,
      staffTimeUse: 0.34,
    });
  });

  it('a month inside a quarter budget gets a third of it', () => {
    // April: 120 / 3 = 40; logged 6 -> 0.15
    expect(use('2026-04', '2026-05-01T00:00:00Z')).toMatchObject({
      loggedHours: 6,
      budgetHours: 40,
      staffTimeUse: 0.15,
    });
  });

  it('a quarter: its own budget, else the sum of its three month budgets', () => {
    // Q2: (6 + 3) / 120 = 0.075
    expect(use('2026-Q2', '2026-07-01T00:00:00Z')).toMatchObject({
      loggedHours: 9,
      budgetHours: 120,
      staffTimeUse: 0.075,
    });
    const full = [budget('2026-01-06T00:00:00Z', '2026-02', 30), budget('2026-01-06T00:00:00Z', '2026-03', 20)].reduce(
      foldUnitEvent,
      unit,
    );
    // 50 + 30 + 20 = 100; logged 12 + 5 = 17 -> 0.17
    expect(budgetHours(full, '2026-Q1', new Date('2026-04-01T00:00:00Z'))).toBe(100);
    expect(
      computeStaffTimeUse({ unit: full, entries, period: '2026-Q1', asOf: new Date('2026-04-01T00:00:00Z') })
        .staffTimeUse,
    ).toBeCloseTo(0.17, 12);
  });

  it('a budget of 0 gives null', () => {
    const zero = foldUnitEvent(unit, budget('2026-01-07T00:00:00Z', '2026-01', 0));
    expect(
      computeStaffTimeUse({ unit: zero, entries, period: '2026-01', asOf: new Date('2026-02-10T00:00:00Z') })
        .staffTimeUse,
    ).toBeNull();
  });
});

describe('unit histories and periods', () => {
  const next = positions();
  const ev = eventBuilder(next);
  const budget = (at: string, period: string, hours: number, unitId = 'unit-1') =>
    ev('StaffTimeBudgetSet', { unitId, period, hours }, at);
  const e = caseEvents('case-1', next);

  it('a history begun without a unit takes the unit of its first budget and holds exactly what was folded', () => {
    const unit = foldUnitEvent(emptyUnitHistory(), budget('2026-01-01T00:00:00Z', '2026-01', 40));
    expect(unit.unitId).toBe('unit-1');
    expect(unit.budgets).toEqual([
      { at: '2026-01-01T00:00:00.000Z', pos: expect.any(Number), period: '2026-01', hours: 40 },
    ]);
    expect(budgetHours(unit, '2026-01', new Date('2026-02-01T00:00:00Z'))).toBe(40);
  });

  it('events that are no budget are not folded, even when they name the unit', () => {
    const unit = foldUnitEvent(emptyUnitHistory('unit-1'), budget('2026-01-01T00:00:00Z', '2026-01', 40));
    expect(foldUnitEvent(unit, e.staffTime('2026-01-10T00:00:00Z', 'unit-1', 5))).toBe(unit);
  });

  it('refuses a period that is neither a month nor a quarter', () => {
    const unit = emptyUnitHistory('unit-1');
    for (const period of ['2026-W03', '2026-13', '2026-Q5', '2026'])
      expect(() => budgetHours(unit, period, new Date('2026-02-01T00:00:00Z'))).toThrow(
        new RangeError(`Not a budget period YYYY-MM or YYYY-Qn: ${period}`),
      );
  });

  it('counts hours by the local date in the time zone given, and an entry logged at T itself', () => {
    const unit = foldUnitEvent(emptyUnitHistory('unit-1'), budget('2026-01-01T00:00:00Z', '2026-01', 40));
    const entries = staffTimeEntries(
      foldCaseEvents([
        e.staffTime('2026-01-10T10:00:00Z', 'unit-1', 10),
        e.staffTime('2026-01-31T23:30:00Z', 'unit-1', 6), // 01-31 in UTC, 02-01 in Berlin
      ]),
    );
    const use = (asOf: string, timeZone?: string) =>
      computeStaffTimeUse({ unit, entries, period: '2026-01', asOf: new Date(asOf), timeZone }).loggedHours;
    expect(use('2026-03-01T00:00:00Z', 'UTC')).toBe(16);
    expect(use('2026-03-01T00:00:00Z')).toBe(10); // Europe/Berlin by default
    expect(use('2026-01-31T23:30:00.000Z', 'UTC')).toBe(16); // logged at T: counted
    expect(use('2026-01-31T23:29:59.999Z', 'UTC')).toBe(10);
  });
});
