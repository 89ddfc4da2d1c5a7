import { computeCaseMetrics } from './case-metrics';
import { foldCaseEvents } from './case-history';
import { MetricsSettingsInput, resolveMetricsSettings } from './settings';
import { caseEvents, positions } from './testing/case-events';
import { caseWorklistItems, WorklistCase, WorklistItem } from './worklist';

/** Hand-computed from docs/METRICS.md ("Worklist", "Open time", "Waiting for the initiative", "Working days"). */
const file = { caseId: 'k', title: 'T', unitId: 'unit-1', staffRef: 'a', interimUse: [] };
const itemsOf = (events: WorklistCase['history'], t: string, input: MetricsSettingsInput = {}) =>
  caseWorklistItems({ history: events, file }, new Date(t), resolveMetricsSettings(input));
const only = (items: WorklistItem[], kind: WorklistItem['kind']) => {
  const found = items.filter((item) => item.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('worklist deadlines at their edges', () => {
  const e = caseEvents('k', positions());

  it('a promise renegotiated twice in time is due on the second new date', () => {
    // Due 10 March; on 5 March moved to 20 March; on 15 March (in time for 20 March) moved to 31 March.
    const h = foldCaseEvents([
      e.submitted('2026-03-01T08:00:00Z'),
      e.commitment('2026-03-02T08:00:00Z', 'k1', 'administration', '2026-03-10'),
      e.renegotiated('2026-03-05T08:00:00Z', 'k1', '2026-03-20'),
      e.renegotiated('2026-03-15T08:00:00Z', 'k1', '2026-03-31'),
    ]);
    expect(only(itemsOf(h, '2026-03-25T08:00:00Z'), 'commitment_due')).toMatchObject({
      dueOn: '2026-03-31',
      dueAt: '2026-03-31T21:59:59.999Z', // CEST from 29 March
      overdueDays: 0,
    });
  });

  it('a promise whose stored due date is no date (stored before dates were checked) lists nothing, the others still do', () => {
    const h = foldCaseEvents([
      e.submitted('2026-03-01T08:00:00Z'),
      e.commitment('2026-03-02T08:00:00Z', 'vague', 'administration', 'soon'),
      e.commitment('2026-03-02T08:00:00Z', 'k1', 'administration', '2026-03-10'),
    ]);
    const commitments = itemsOf(h, '2026-03-05T08:00:00Z').filter((item) => item.promisor !== null);
    expect(commitments.map((item) => item.refId)).toEqual(['k1']);
  });

  it('a promise is due through the last millisecond of its day, and overdue by one started day a millisecond later', () => {
    const h = foldCaseEvents([
      e.submitted('2026-03-01T08:00:00Z'),
      e.commitment('2026-03-02T08:00:00Z', 'k1', 'administration', '2026-03-10'),
    ]);
    expect(only(itemsOf(h, '2026-03-10T22:59:59.999Z'), 'commitment_due').overdueDays).toBe(0);
    expect(only(itemsOf(h, '2026-03-10T23:00:00.000Z'), 'commitment_overdue').overdueDays).toBe(1);
  });

  it('going dormant counts open time from the last contact: a closure before that contact does not count', () => {
    const h = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.closed('2026-01-10T00:00:00Z'),
      e.reopened('2026-01-20T00:00:00Z'),
      e.interaction('2026-02-01T00:00:00Z', 'a', 'initiative', 'inform'),
    ]);
    // 1 Feb + 90 days: 27 (to 28 Feb) + 31 + 30 + 2 = 90, so 2 May.
    expect(only(itemsOf(h, '2026-02-10T00:00:00Z'), 'case_going_dormant').dueAt).toBe('2026-05-02T00:00:00.000Z');
  });

  it('a dormancy clock that ran out exactly at a closing is due then, and stays overdue after the reopening', () => {
    const h = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.closed('2026-01-11T00:00:00Z'), // 10 days of open time
      e.reopened('2026-01-20T00:00:00Z'),
    ]);
    expect(only(itemsOf(h, '2026-01-25T00:00:00Z', { dormancyDays: 10 }), 'case_going_dormant')).toMatchObject({
      dueAt: '2026-01-11T00:00:00.000Z',
      overdueDays: 14,
      paused: false,
    });
  });

  it('a second closing of a closed case and a second reopening of an open one change nothing', () => {
    const h = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.closed('2026-01-05T00:00:00Z'),
      e.closed('2026-01-07T00:00:00Z'),
      e.reopened('2026-01-10T00:00:00Z'),
      e.reopened('2026-01-12T00:00:00Z'),
    ]);
    // 4 days open before the closing, 86 left from 10 January: 21 + 28 + 31 + 6, so 6 April.
    expect(only(itemsOf(h, '2026-01-15T00:00:00Z'), 'case_going_dormant').dueAt).toBe('2026-04-06T00:00:00.000Z');
  });
});

describe('the response target on the worklist while a case waits', () => {
  const e = caseEvents('k', positions());
  // Wednesday 3 June 2026, 08:00 UTC; a wait of 30 hours from the submission.
  const waited = () =>
    foldCaseEvents([
      e.awaited('2026-06-03T08:00:00Z'),
      e.submitted('2026-06-03T08:00:00Z'),
      e.resumed('2026-06-04T14:00:00Z'),
    ]);

  it('in working days (NRW, 3 days: end of Tue 9 June) it moves like a due date: 30 hours later is Thu 11 June, to its end', () => {
    // The metrics keep calendar days (workingDayMetrics not set); the worklist uses the working-day target.
    const item = only(
      itemsOf(waited(), '2026-06-05T08:00:00Z', { calendar: { state: 'NW' }, responseTargetWorkingDays: 3 }),
      'request_unacknowledged',
    );
    expect(item.dueAt).toBe('2026-06-11T21:59:59.999Z');
  });

  it('in calendar days it is a clock that stood still for the 30 hours, to the millisecond, whether or not a Land is named', () => {
    // 3 June 08:00 + 14 days + 30 hours = 18 June 14:00.
    for (const input of [{}, { calendar: { state: 'NW' } }])
      expect(only(itemsOf(waited(), '2026-06-05T08:00:00Z', input), 'request_unacknowledged').dueAt).toBe(
        '2026-06-18T14:00:00.000Z',
      );
  });

  it('respondedWithinTarget of a working-day tenant without workingDayMetrics measures the calendar clock', () => {
    const settings = { calendar: { state: 'NW' }, responseTargetWorkingDays: 3 };
    expect(
      computeCaseMetrics(waited(), new Date('2026-06-18T14:00:00.000Z'), settings)!.respondedWithinTarget,
    ).toBeNull();
    expect(computeCaseMetrics(waited(), new Date('2026-06-18T14:00:00.001Z'), settings)!.respondedWithinTarget).toBe(
      false,
    );
  });
});
