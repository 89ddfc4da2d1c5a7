import {
  AggregateCaseMetrics,
  aggregateCaseMetrics,
  aggregateReporting,
  CaseSnapshot,
  CaseSnapshots,
  filterCases,
  groupCases,
  snapshotCase,
  SnapshotMetrics,
} from './aggregate-metrics';
import { foldCaseEvents } from './case-history';
import { CaseFacts, CommitmentCounts } from './case-metrics';
import { caseEvents, eventBuilder, positions } from './testing/case-events';

const counts = (partial: Partial<CommitmentCounts> = {}): CommitmentCounts => ({
  kept: 0,
  late: 0,
  broken: 0,
  overdue: 0,
  open: 0,
  ...partial,
});

/** A snapshot with neutral metrics, overridden where a spec needs numbers. */
const snapshot = (
  facts: Partial<CaseFacts>,
  metrics: Partial<SnapshotMetrics> & { trust?: number | null; continuity?: number | null },
): CaseSnapshot => {
  const { trust = null, continuity = null, ...rest } = metrics;
  return {
    facts: {
      caseId: 'c',
      initiativeId: 'initiative-1',
      category: 'culture',
      submittedAt: '2026-01-15T00:00:00.000Z',
      status: 'open',
      outcome: null,
      stage: 'request',
      unitId: 'unit-1',
      fundingDecisionDays: [],
      asOf: '2026-06-01T00:00:00.000Z',
      ...facts,
    },
    metrics: {
      dormant: false,
      waiting: false,
      daysToInstitutionalisation: null,
      daysToFirstResponse: null,
      respondedWithinTarget: null,
      commitments: { administration: counts(), initiative: counts() },
      participation: { inform: 0, consult: 0, involve: 0, collaborate: 0, empower: 0 },
      trustIndex: trust,
      continuityIndex: continuity,
      uninterpretable: [],
      ...rest,
    },
  };
};

describe('aggregateCaseMetrics', () => {
  const cases = [
    snapshot(
      { stage: 'request', fundingDecisionDays: [10] },
      {
        dormant: true,
        daysToFirstResponse: 2,
        respondedWithinTarget: true,
        trust: 60,
        commitments: { administration: counts({ kept: 2, late: 1 }), initiative: counts() },
        participation: { inform: 2, consult: 0, involve: 0, collaborate: 1, empower: 0 },
      },
    ),
    snapshot(
      { stage: 'support', fundingDecisionDays: [20, 40] },
      {
        waiting: true,
        daysToFirstResponse: 4,
        respondedWithinTarget: true,
        trust: 90,
        continuity: 50,
        commitments: { administration: counts(), initiative: counts({ kept: 1, late: 1, broken: 1 }) },
        participation: { inform: 0, consult: 1, involve: 0, collaborate: 0, empower: 1 },
      },
    ),
    snapshot(
      { status: 'closed', outcome: 'completed', stage: 'institutionalised' },
      {
        daysToInstitutionalisation: 100,
        continuity: 70,
        commitments: { administration: counts({ overdue: 1, open: 3 }), initiative: counts() },
      },
    ),
    snapshot(
      { status: 'closed', outcome: 'declined', stage: 'request', fundingDecisionDays: [50] },
      { daysToFirstResponse: 30, respondedWithinTarget: false, trust: 40 },
    ),
  ];
  let a: AggregateCaseMetrics;
  beforeEach(() => {
    a = aggregateCaseMetrics(cases);
  });

  it('counts cases per stage (open) and per outcome (closed)', () => {
    expect(a.cases).toBe(4);
    expect(a.openCases).toBe(2);
    expect(a.closedCases).toBe(2);
    expect(a.casesPerStage).toEqual({ request: 1, support: 1, interim_use: 0, institutionalised: 0 });
    expect(a.closedPerOutcome).toEqual({ completed: 1, withdrawn: 0, declined: 1, merged: 0 });
  });

  it('rates and shares, skipping nulls', () => {
    expect(a.institutionalisationRate).toBe(0.25); // 1 of 4
    expect(a.dormantShare).toBe(0.5); // 1 of 2 open
    expect(a.waitingShare).toBe(0.5); // 1 of 2 open waits for the initiative
    expect(a.medianDaysToFirstResponse).toBe(4); // [2, 4, 30]
    expect(a.respondedWithinTargetShare).toBeCloseTo(2 / 3, 12); // 2 true of 3 non-null
    expect(a.medianFundingDecisionDays).toBe(30); // [10, 20, 40, 50]: (20 + 40) / 2
    expect(a.meanTrustIndex).toBeCloseTo(190 / 3, 10); // (60 + 90 + 40) / 3
    expect(a.meanContinuityIndex).toBe(60); // (50 + 70) / 2
  });

  it('pools commitments and participation', () => {
    // administration kept 2 / (2 + 1 + 0 + 1) = 0.5; initiative 1 / 3; combined 3 / (3 + 2 + 1 + 1) = 3/7
    expect(a.commitmentReliability.administration).toBe(0.5);
    expect(a.commitmentReliability.initiative).toBeCloseTo(1 / 3, 12);
    expect(a.commitmentReliability.combined).toBeCloseTo(3 / 7, 12);
    expect(a.participation).toEqual({ inform: 2, consult: 1, involve: 0, collaborate: 1, empower: 1 });
    expect(a.coCreationShare).toBe(0.4); // (1 + 1) / 5
  });

  it('an empty set gives nulls and zero counts', () => {
    const empty = aggregateCaseMetrics([]);
    expect(empty.cases).toBe(0);
    expect(empty.casesPerStage).toEqual({ request: 0, support: 0, interim_use: 0, institutionalised: 0 });
    for (const key of [
      'institutionalisationRate',
      'dormantShare',
      'waitingShare',
      'medianDaysToFirstResponse',
      'respondedWithinTargetShare',
      'medianFundingDecisionDays',
      'coCreationShare',
      'meanTrustIndex',
      'meanContinuityIndex',
    ] as const) {
      expect(empty[key]).toBeNull();
    }
    expect(empty.commitmentReliability).toEqual({ administration: null, initiative: null, combined: null });
  });
});

describe('filterCases and groupCases', () => {
  const cases = [
    // 2026-01-31T22:59:59.999Z is 23:59:59.999 on 01-31 in Berlin
    snapshot({ caseId: 'jan', submittedAt: '2026-01-31T22:59:59.999Z', unitId: 'unit-1' }, {}),
    // 2026-01-31T23:30Z is 00:30 on 02-01 in Berlin
    snapshot({ caseId: 'feb', submittedAt: '2026-01-31T23:30:00.000Z', unitId: 'unit-2', category: 'sport' }, {}),
    snapshot(
      { caseId: 'none', submittedAt: '2026-02-10T00:00:00.000Z', unitId: null, initiativeId: 'initiative-2' },
      {},
    ),
  ];
  const ids = (list: CaseSnapshot[]) => list.map((c) => c.facts.caseId);

  it('submission period in local dates, both ends inclusive', () => {
    expect(ids(filterCases(cases, { submittedFrom: '2026-02-01' }))).toEqual(['feb', 'none']);
    expect(ids(filterCases(cases, { submittedTo: '2026-01-31' }))).toEqual(['jan']);
    expect(ids(filterCases(cases, { submittedFrom: '2026-02-01' }, 'UTC'))).toEqual(['none']);
  });

  it('the first millisecond of the first local day is inside the period', () => {
    // 2026-01-31T23:00Z is 00:00 on 02-01 in Berlin
    const first = snapshot({ caseId: 'first', submittedAt: '2026-01-31T23:00:00.000Z' }, {});
    expect(ids(filterCases([...cases, first], { submittedFrom: '2026-02-01', submittedTo: '2026-02-01' }))).toEqual([
      'feb',
      'first',
    ]);
  });

  it('category, unit, initiative', () => {
    expect(ids(filterCases(cases, { category: 'sport' }))).toEqual(['feb']);
    expect(ids(filterCases(cases, { unitId: 'unit-1' }))).toEqual(['jan']);
    expect(ids(filterCases(cases, { initiativeId: 'initiative-2' }))).toEqual(['none']);
  });

  it('groups', () => {
    expect(groupCases(cases, 'unitId').map((g) => [g.key, ids(g.cases)])).toEqual([
      ['unit-1', ['jan']],
      ['unit-2', ['feb']],
      [null, ['none']],
    ]);
  });
});

describe('from histories to an aggregate', () => {
  it('institutionalisationRate is a cohort view of the cases submitted in the period', () => {
    const next = positions();
    const a = caseEvents('a', next);
    const b = caseEvents('b', next);
    const c = caseEvents('c', next);
    const histories = [
      foldCaseEvents([
        a.submitted('2026-01-05T00:00:00Z'),
        a.supportAgreed('2026-01-10T00:00:00Z'),
        a.institutionalised('2026-03-01T00:00:00Z'),
      ]),
      foldCaseEvents([b.submitted('2026-01-20T00:00:00Z'), b.acknowledged('2026-01-21T00:00:00Z', 'unit-2')]),
      foldCaseEvents([
        c.submitted('2026-02-20T00:00:00Z'),
        c.supportAgreed('2026-02-21T00:00:00Z'),
        c.institutionalised('2026-03-05T00:00:00Z'),
      ]),
    ];
    const at = new Date('2026-04-01T00:00:00Z');
    const snapshots = histories.map((h) => snapshotCase(h, at)).filter((s): s is CaseSnapshot => s !== null);
    const january = aggregateCaseMetrics(
      filterCases(snapshots, { submittedFrom: '2026-01-01', submittedTo: '2026-01-31' }),
    );
    expect(january.institutionalisationRate).toBe(0.5); // a of {a, b}
    expect(aggregateCaseMetrics(snapshots).institutionalisationRate).toBeCloseTo(2 / 3, 12);
    expect(aggregateCaseMetrics(snapshots).casesPerStage).toEqual({
      request: 1,
      support: 0,
      interim_use: 0,
      institutionalised: 2,
    });
    expect(filterCases(snapshots, { unitId: 'unit-2' }).map((s) => s.facts.caseId)).toEqual(['b']);
    // as of 2026-01-15 only a exists, not yet institutionalised
    const early = histories
      .map((h) => snapshotCase(h, new Date('2026-01-15T00:00:00Z')))
      .filter((s): s is CaseSnapshot => s !== null);
    expect(early).toHaveLength(1);
    expect(aggregateCaseMetrics(early).institutionalisationRate).toBe(0);
  });
});

describe('CaseSnapshots: one case that cannot be computed does not fail the others', () => {
  const next = positions();
  const good = caseEvents('case-good', next);
  const bad = caseEvents('case-bad', next);

  it('leaves the case out, reports it, and aggregates the rest', () => {
    const cases = new CaseSnapshots(new Date('2026-02-01T00:00:00Z'));
    cases.add(foldCaseEvents([good.submitted('2026-01-01T00:00:00Z')]));
    // A stored row without one of its lists, as no version of the projection wrote it.
    cases.add({ ...foldCaseEvents([bad.submitted('2026-01-01T00:00:00Z')]), interactions: undefined as never });
    const aggregate = aggregateReporting(cases.snapshots, cases.leftOut);
    expect(aggregate.cases).toBe(1);
    expect(aggregate.uninterpretable).toEqual([
      { caseId: 'case-bad', list: 'case', pos: null, reason: expect.any(String) },
    ]);
  });
});

describe('from histories to an aggregate: what a snapshot keeps of the case metrics', () => {
  const next = positions();
  const waits = caseEvents('case-waits', next);
  const promises = caseEvents('case-promises', next);
  const unreadable = caseEvents('case-unreadable', next);
  const at = new Date('2026-02-01T00:00:00Z');
  let snapshots: CaseSnapshot[];
  beforeEach(() => {
    snapshots = [
      foldCaseEvents([waits.submitted('2026-01-05T00:00:00Z'), waits.awaited('2026-01-10T00:00:00Z')]),
      foldCaseEvents([
        promises.submitted('2026-01-06T00:00:00Z'),
        promises.interaction('2026-01-07T00:00:00Z', 'a', 'administration', 'collaborate'),
        promises.commitment('2026-01-07T00:00:00Z', 'c1', 'administration', '2026-01-20'),
        promises.fulfilled('2026-01-15T00:00:00Z', 'c1'),
        promises.commitment('2026-01-07T00:00:00Z', 'c2', 'initiative', '2026-01-25'),
      ]),
      foldCaseEvents([
        unreadable.submitted('2026-01-07T00:00:00Z'),
        unreadable.commitment('2026-01-08T00:00:00Z', 'c3', 'administration', 'soon'),
      ]),
    ].map((history) => snapshotCase(history, at) as CaseSnapshot);
  });

  it('waiting, commitments and participation of each case', () => {
    const a = aggregateCaseMetrics(snapshots);
    expect(a.openCases).toBe(3);
    expect(a.waitingShare).toBeCloseTo(1 / 3, 12); // case-waits of three open cases
    expect(a.commitments).toEqual({
      administration: counts({ kept: 1 }), // c1 fulfilled 01-15, due 01-20
      initiative: counts({ overdue: 1 }), // c2 due 01-25, open at 02-01
    });
    expect(a.commitmentReliability).toEqual({ administration: 1, initiative: 0, combined: 0.5 });
    expect(a.participation).toEqual({ inform: 0, consult: 0, involve: 0, collaborate: 1, empower: 0 });
  });

  it('what a case left out is reported once, and a clean set reports nothing', () => {
    expect(aggregateCaseMetrics(snapshots).uninterpretable).toEqual([
      {
        caseId: 'case-unreadable',
        list: 'commitments',
        pos: expect.any(Number),
        reason: 'Not a calendar date YYYY-MM-DD: soon',
      },
    ]);
    expect('uninterpretable' in aggregateCaseMetrics(snapshots.slice(0, 2))).toBe(false);
  });

  it('a closing stored without an outcome counts as closed, under no outcome', () => {
    const ev = eventBuilder(next);
    const history = foldCaseEvents([
      caseEvents('case-closed', next).submitted('2026-01-05T00:00:00Z'),
      ev('CaseClosed', { caseId: 'case-closed', stage: 'request' }, '2026-01-20T00:00:00Z'),
    ]);
    const a = aggregateCaseMetrics([snapshotCase(history, at) as CaseSnapshot]);
    expect(a.closedCases).toBe(1);
    expect(a.closedPerOutcome).toEqual({ completed: 0, withdrawn: 0, declined: 0, merged: 0 });
  });

  it('CaseSnapshots takes nothing of a case submitted after T', () => {
    const cases = new CaseSnapshots(at);
    cases.add(foldCaseEvents([caseEvents('case-later', next).submitted('2026-03-01T00:00:00Z')]));
    expect(cases.snapshots).toEqual([]);
    expect(cases.leftOut).toEqual([]);
  });
});
