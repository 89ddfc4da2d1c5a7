import { CaseHistory, foldCaseEvents } from './case-history';
import { computeCaseFacts, computeCaseMetrics, metricsOfHistoryAsOf } from './case-metrics';
import { resolveMetricsSettings } from './settings';
import { caseEvents } from './testing/case-events';
import type { ParticipationLevel } from '@koproduktiv/domain';

const T = (s: string) => new Date(s);

describe('open time: a close of a closed case or a reopen of an open one changes nothing (METRICS.md)', () => {
  const e = caseEvents('case-twice');
  let history: CaseHistory;
  beforeEach(() => {
    history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.reopened('2026-01-11T00:00:00Z'), // open already
      e.closed('2026-01-31T00:00:00Z', 'completed'),
      e.closed('2026-02-10T00:00:00Z', 'declined'), // closed already
      e.reopened('2026-03-02T00:00:00Z'),
    ]);
  });

  it('while closed: one open stretch of 30 days, the first closing’s outcome', () => {
    expect(computeCaseFacts(history, T('2026-02-15T00:00:00Z'))).toMatchObject({
      status: 'closed',
      outcome: 'completed',
    });
    const m = computeCaseMetrics(history, T('2026-02-15T00:00:00Z'))!;
    expect(m.stageDays).toEqual({ request: 30, support: 0, interim_use: 0, institutionalised: 0 });
    expect(m.longestSilenceDays).toBe(30);
  });

  it('after the reopening: 30 days before the closing and 10 since', () => {
    expect(computeCaseFacts(history, T('2026-03-12T00:00:00Z'))).toMatchObject({ status: 'open', outcome: null });
    const m = computeCaseMetrics(history, T('2026-03-12T00:00:00Z'))!;
    expect(m.stageDays).toEqual({ request: 40, support: 0, interim_use: 0, institutionalised: 0 });
    expect(m.longestSilenceDays).toBe(40);
  });
});

describe('stages only move forward, in business-time order', () => {
  it('an interim use agreed (backdated) before the support: the support agreed later does not move the stage back', () => {
    const e = caseEvents('case-stages');
    const history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.supportAgreed('2026-02-10T00:00:00Z'),
      e.interimUseAgreed('2026-02-05T00:00:00Z'), // recorded later, occurred earlier
    ]);
    // request 01-01..02-05 = 35 days, interim use 02-05..02-20 = 15 days
    expect(computeCaseMetrics(history, T('2026-02-20T00:00:00Z'))!.stageDays).toEqual({
      request: 35,
      support: 0,
      interim_use: 15,
      institutionalised: 0,
    });
    expect(computeCaseFacts(history, T('2026-02-20T00:00:00Z'))!.stage).toBe('interim_use');
  });
});

describe('contacts before 1970 (negative epoch milliseconds)', () => {
  it('gaps and silence are measured in business-time order', () => {
    const e = caseEvents('case-1960');
    const history = foldCaseEvents([
      e.submitted('1960-01-01T00:00:00Z'),
      e.interaction('1960-01-11T00:00:00Z', 'a', 'administration', 'consult'),
      e.interaction('1960-01-31T00:00:00Z', 'a', 'initiative', 'consult'),
    ]);
    const m = computeCaseMetrics(history, T('1960-03-01T00:00:00Z'))!;
    // gaps 10 and 20 days; 01-31 -> 03-01 of the leap year 1960 = 30 days of silence
    expect(m.medianContactGapDays).toBe(15);
    expect(m.longestSilenceDays).toBe(30);
    expect(m.daysToFirstResponse).toBe(10);
  });
});

describe('respondedWithinTarget: the first answer counts', () => {
  it('acknowledged after 3 days, an administration interaction after 19 (target 14): within the target', () => {
    const e = caseEvents('case-answers');
    const history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.acknowledged('2026-01-04T00:00:00Z'),
      e.interaction('2026-01-20T00:00:00Z', 'a', 'administration', 'inform'),
    ]);
    const m = computeCaseMetrics(history, T('2026-02-01T00:00:00Z'))!;
    expect(m.daysToFirstResponse).toBe(3);
    expect(m.respondedWithinTarget).toBe(true);
  });
});

describe('participation at involve, collaborate and empower', () => {
  const build = (levels: ParticipationLevel[]) => {
    const e = caseEvents('case-levels');
    return foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      ...levels.map((level, i) => e.interaction(`2026-01-0${i + 2}T00:00:00Z`, 'a', 'administration', level)),
    ]);
  };
  const at = T('2026-02-01T00:00:00Z');

  it('collaborate and empower are co-creation; with them there is no pseudo-participation risk', () => {
    const m = computeCaseMetrics(build(['inform', 'consult', 'inform', 'collaborate', 'empower']), at)!;
    expect(m.coCreationShare).toBe(0.4); // 2 of 5
    expect(m.pseudoParticipationRisk).toBe(false);
  });

  it('involve and collaborate: no pseudo-participation risk', () => {
    const m = computeCaseMetrics(build(['inform', 'consult', 'inform', 'involve', 'collaborate']), at)!;
    expect(m.coCreationShare).toBe(0.2); // 1 of 5
    expect(m.pseudoParticipationRisk).toBe(false);
  });
});

describe('a fault that is not in the stored data is not passed off as a left-out promise', () => {
  it('a change without a business time (no fold makes one) fails the computation', () => {
    const e = caseEvents('case-broken');
    const folded = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.commitment('2026-01-02T00:00:00Z', 'c1', 'administration', '2026-02-01'),
      e.fulfilled('2026-01-10T00:00:00Z', 'c1'),
    ]);
    const broken: CaseHistory = {
      ...folded,
      commitmentChanges: folded.commitmentChanges.map((change) => ({ ...change, at: null as unknown as string })),
    };
    expect(() =>
      metricsOfHistoryAsOf(broken, T('2026-03-01T00:00:00Z').getTime(), resolveMetricsSettings(undefined)),
    ).toThrow(TypeError);
  });
});
