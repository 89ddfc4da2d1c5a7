import { foldCaseEvents } from './case-history';
import { MetricsSettings, resolveMetricsSettings } from './settings';
import { caseEvents, positions } from './testing/case-events';
import { caseWorklistItems, WorklistCase, WorklistItem } from './worklist';

/** Hand-computed from docs/METRICS.md, "Waiting for the initiative" (Berlin: UTC+1 until 29 March, then UTC+2). */
let settings: MetricsSettings;
beforeEach(() => {
  settings = resolveMetricsSettings({ responseTargetDays: 14, dormancyDays: 90 });
});
const byKind = (items: WorklistItem[]) => Object.fromEntries(items.map((item) => [item.refId ?? item.kind, item]));

describe('worklist of a case that waits for the initiative', () => {
  const e = caseEvents('w1', positions());
  let c: WorklistCase;
  beforeEach(() => {
    c = {
      history: foldCaseEvents([
        e.submitted('2026-03-02T08:30:00Z'),
        e.commitment('2026-03-03T09:00:00Z', 'k1', 'administration', '2026-03-20'),
        e.commitment('2026-03-03T09:00:00Z', 'k2', 'initiative', '2026-03-20'),
        e.awaited('2026-03-06T08:30:00Z', '2026-03-31'),
      ]),
      file: { caseId: 'w1', title: 'Wartet', unitId: 'unit-1', staffRef: 'a', interimUse: [] },
    };
  });

  it('while it waits, the administration’s deadlines are paused and due as if the wait ended now', () => {
    // T = 10 March 08:30: 4 days of waiting so far.
    const items = byKind(caseWorklistItems(c, new Date('2026-03-10T08:30:00Z'), settings));
    expect(Object.keys(items).sort()).toEqual([
      'case_going_dormant',
      'initiative_wait_ending',
      'k1',
      'k2',
      'request_unacknowledged',
    ]);
    // 16 March 08:30 + 4 days.
    expect(items.request_unacknowledged).toMatchObject({ dueAt: '2026-03-20T08:30:00.000Z', paused: true });
    // 20 March + 4 days: 24 March, all day.
    expect(items.k1).toMatchObject({
      kind: 'commitment_due',
      dueOn: '2026-03-24',
      dueAt: '2026-03-24T22:59:59.999Z',
      paused: true,
    });
    // The initiative's promise runs on.
    expect(items.k2).toMatchObject({ dueOn: '2026-03-20', paused: false });
    // 4 of 90 days of silence before the wait: 86 left from now.
    expect(items.case_going_dormant).toMatchObject({ dueAt: '2026-06-04T08:30:00.000Z', paused: true });
    // The wait itself runs out at the end of 31 March (CEST).
    expect(items.initiative_wait_ending).toMatchObject({
      dueOn: '2026-03-31',
      dueAt: '2026-03-31T21:59:59.999Z',
      hurts: 'dormant',
      paused: false,
    });
  });

  it('after until, the clocks run again, moved by the whole wait, without a ResumeCase', () => {
    // The wait lasted 6 March 08:30 to 31 March 21:59:59.999 UTC: 25 days 13:29:59.999.
    const items = byKind(caseWorklistItems(c, new Date('2026-04-05T00:00:00Z'), settings));
    expect(items.initiative_wait_ending).toBeUndefined();
    expect(items.request_unacknowledged).toMatchObject({ dueAt: '2026-04-10T21:59:59.999Z', paused: false });
    // 20 March 22:59:59.999 + the wait = 15 April 12:29:59.998 UTC, so due on 15 April (CEST).
    expect(items.k1).toMatchObject({ dueOn: '2026-04-15', dueAt: '2026-04-15T21:59:59.999Z', paused: false });
    expect(items.k2).toMatchObject({ kind: 'commitment_overdue', dueOn: '2026-03-20', overdueDays: 16 });
    // 86 days of silence left when the wait ended.
    expect(items.case_going_dormant).toMatchObject({ dueAt: '2026-06-25T21:59:59.999Z', paused: false });
  });

  it('a deadline that runs out in the very millisecond the wait begins stands still at T, paused', () => {
    const edge = caseEvents('w3', positions());
    // Submitted 2 March 08:30 UTC, 14 calendar days: the response is due 16 March 08:30, when the wait begins.
    const items = caseWorklistItems(
      {
        history: foldCaseEvents([edge.submitted('2026-03-02T08:30:00Z'), edge.awaited('2026-03-16T08:30:00Z')]),
        file: { caseId: 'w3', title: null, unitId: null, staffRef: null, interimUse: [] },
      },
      new Date('2026-03-18T12:00:00Z'),
      settings,
    );
    expect(byKind(items).request_unacknowledged).toMatchObject({
      dueAt: '2026-03-18T12:00:00.000Z',
      overdueDays: 0,
      paused: true,
    });
  });

  it('a deadline that ran out before the wait began stays overdue and is not paused', () => {
    const late = caseEvents('w2', positions());
    const items = caseWorklistItems(
      {
        history: foldCaseEvents([late.submitted('2026-01-01T08:00:00Z'), late.awaited('2026-02-01T08:00:00Z')]),
        file: { caseId: 'w2', title: null, unitId: null, staffRef: null, interimUse: [] },
      },
      new Date('2026-02-10T08:00:00Z'),
      settings,
    );
    expect(byKind(items).request_unacknowledged).toMatchObject({
      dueAt: '2026-01-15T08:00:00.000Z',
      overdueDays: 26,
      paused: false,
    });
    // A wait without until lists no end of its own.
    expect(byKind(items).initiative_wait_ending).toBeUndefined();
  });
});
