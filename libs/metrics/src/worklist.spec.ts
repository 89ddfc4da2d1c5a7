import { foldCaseEvents } from './case-history';
import { MetricsSettings, resolveMetricsSettings } from './settings';
import { caseEvents, positions } from './testing/case-events';
import {
  caseWorklistItems,
  computeWorklist,
  selectWorklist,
  WorklistCase,
  WorklistCaseFile,
  worklistHistory,
} from './worklist';

let settings: MetricsSettings;
beforeEach(() => {
  settings = resolveMetricsSettings({ responseTargetDays: 14, dormancyDays: 90 });
});
const file = (caseId: string, over: Partial<WorklistCaseFile> = {}): WorklistCaseFile => ({
  caseId,
  title: `Title of ${caseId}`,
  unitId: 'unit-1',
  staffRef: 'a',
  interimUse: [],
  ...over,
});

describe('worklist (pure)', () => {
  const next = positions();

  it('a request nobody answered is due responseTargetDays after submission, then overdue by started days', () => {
    const e = caseEvents('c1', next);
    const c: WorklistCase = {
      history: foldCaseEvents([e.submitted('2026-03-02T08:30:00Z')]),
      file: file('c1', { unitId: null, staffRef: null }),
    };
    const before = caseWorklistItems(c, new Date('2026-03-10T00:00:00Z'), settings);
    expect(before).toEqual([
      {
        kind: 'request_unacknowledged',
        caseId: 'c1',
        caseTitle: 'Title of c1',
        dueOn: null,
        dueAt: '2026-03-16T08:30:00.000Z',
        overdueDays: 0,
        unitId: null,
        staffRef: null,
        promisor: null,
        refId: null,
        hurts: 'daysToFirstResponse',
        paused: false,
      },
      expect.objectContaining({ kind: 'case_going_dormant', dueAt: '2026-05-31T08:30:00.000Z', overdueDays: 0 }),
    ]);
    const after = caseWorklistItems(c, new Date('2026-03-17T08:31:00Z'), settings);
    expect(after[0]).toMatchObject({ kind: 'request_unacknowledged', overdueDays: 2 });
  });

  it('an acknowledgement or an interaction the administration started answers the request; one of the initiative does not', () => {
    const e = caseEvents('c2', next);
    const submitted = e.submitted('2026-03-02T08:30:00Z');
    const t = new Date('2026-03-20T00:00:00Z');
    const kinds = (events: ReturnType<typeof e.submitted>[]) =>
      caseWorklistItems({ history: foldCaseEvents(events), file: file('c2') }, t, settings).map((item) => item.kind);
    expect(kinds([submitted, e.interaction('2026-03-03T00:00:00Z', 'a', 'initiative', 'inform')])).toContain(
      'request_unacknowledged',
    );
    expect(kinds([submitted, e.interaction('2026-03-03T00:00:00Z', 'a', 'administration', 'inform')])).not.toContain(
      'request_unacknowledged',
    );
    expect(kinds([submitted, e.acknowledged('2026-03-03T00:00:00Z')])).not.toContain('request_unacknowledged');
  });

  it('open commitments: due at the end of the due day in force (Europe/Berlin), overdue after; kept and withdrawn ones are gone', () => {
    const e = caseEvents('c3', next);
    const history = foldCaseEvents([
      e.submitted('2026-03-02T08:30:00Z'),
      e.acknowledged('2026-03-03T08:00:00Z'),
      e.commitment('2026-03-03T09:00:00Z', 'k1', 'administration', '2026-03-20'),
      e.commitment('2026-03-03T09:00:00Z', 'k2', 'administration', '2026-03-10'),
      e.renegotiated('2026-03-09T09:00:00Z', 'k2', '2026-04-15'),
      e.commitment('2026-03-03T09:00:00Z', 'k3', 'initiative', '2026-03-12'),
      e.commitment('2026-03-03T09:00:00Z', 'k4', 'administration', '2026-03-05'),
      e.fulfilled('2026-03-04T09:00:00Z', 'k4'),
      e.commitment('2026-03-03T09:00:00Z', 'k5', 'administration', '2026-03-05'),
      e.withdrawn('2026-03-04T09:00:00Z', 'k5'),
    ]);
    const items = caseWorklistItems({ history, file: file('c3') }, new Date('2026-03-21T10:00:00Z'), settings);
    const commitments = items.filter((item) => item.refId !== null);
    expect(commitments).toEqual([
      expect.objectContaining({
        kind: 'commitment_overdue',
        refId: 'k1',
        dueOn: '2026-03-20',
        dueAt: '2026-03-20T22:59:59.999Z',
        overdueDays: 1,
        promisor: 'administration',
        hurts: 'commitmentReliability.administration',
      }),
      expect.objectContaining({ kind: 'commitment_due', refId: 'k2', dueOn: '2026-04-15', overdueDays: 0 }),
      expect.objectContaining({
        kind: 'commitment_overdue',
        refId: 'k3',
        promisor: 'initiative',
        hurts: 'commitmentReliability.initiative',
        overdueDays: 9,
      }),
    ]);
  });

  it('going dormant: dormancyDays of open time after the last contact; time while closed does not count', () => {
    const e = caseEvents('c4', next);
    const history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.acknowledged('2026-01-02T00:00:00Z'),
      e.interaction('2026-01-10T00:00:00Z', 'a', 'initiative', 'inform'),
      e.closed('2026-01-20T00:00:00Z'),
      e.reopened('2026-03-01T00:00:00Z'),
    ]);
    // 10 open days between the last contact and the closing; 80 more from 1 March: 20 May.
    const items = caseWorklistItems({ history, file: file('c4') }, new Date('2026-03-02T00:00:00Z'), settings);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'case_going_dormant', dueAt: '2026-05-20T00:00:00.000Z', hurts: 'dormant' }),
    ]);
    expect(caseWorklistItems({ history, file: file('c4') }, new Date('2026-02-01T00:00:00Z'), settings)).toEqual([]);
  });

  it('interim use ending: every agreement not ended, due at the end of its last day', () => {
    const e = caseEvents('c5', next);
    const history = foldCaseEvents([e.submitted('2026-01-01T00:00:00Z'), e.acknowledged('2026-01-02T00:00:00Z')]);
    const interimUse = [
      { agreementId: 'ag-1', endsOn: '2026-06-30', ended: false },
      { agreementId: 'ag-2', endsOn: '2026-05-31', ended: true },
    ];
    const items = caseWorklistItems(
      { history, file: file('c5', { interimUse }) },
      new Date('2026-03-01T00:00:00Z'),
      settings,
    );
    expect(items.filter((item) => item.kind === 'interim_use_ending')).toEqual([
      expect.objectContaining({
        refId: 'ag-1',
        dueOn: '2026-06-30',
        dueAt: '2026-06-30T21:59:59.999Z',
        hurts: 'interimUseExtensions',
      }),
    ]);
  });

  it('selects by window (interim use 60 days ahead at least), unit, staff member, kind and promisor, oldest first', () => {
    const e1 = caseEvents('s1', next);
    const e2 = caseEvents('s2', next);
    const cases: WorklistCase[] = [
      {
        history: foldCaseEvents([
          e1.submitted('2026-03-01T00:00:00Z'),
          e1.acknowledged('2026-03-01T01:00:00Z'),
          e1.interaction('2026-03-05T00:00:00Z', 'a', 'initiative', 'inform'),
          e1.commitment('2026-03-02T00:00:00Z', 'k-late', 'administration', '2026-03-09'),
          e1.commitment('2026-03-02T00:00:00Z', 'k-soon', 'administration', '2026-03-20'),
          e1.commitment('2026-03-02T00:00:00Z', 'k-far', 'administration', '2026-05-01'),
          e1.commitment('2026-03-02T00:00:00Z', 'k-ini', 'initiative', '2026-03-12'),
        ]),
        file: file('s1', { interimUse: [{ agreementId: 'ag', endsOn: '2026-05-05', ended: false }] }),
      },
      {
        history: foldCaseEvents([e2.submitted('2026-03-08T12:00:00Z')]),
        file: file('s2', { unitId: 'unit-2', staffRef: 'b' }),
      },
    ];
    const t = new Date('2026-03-10T12:00:00Z');
    const ids = (query: Parameters<typeof selectWorklist>[2]) =>
      computeWorklist(cases, t, settings, query).map((item) => `${item.caseId}:${item.refId ?? item.kind}`);
    expect(ids({ within: 14 })).toEqual(['s1:k-late', 's1:k-soon', 's2:request_unacknowledged', 's1:ag']);
    expect(ids({ within: 14, promisor: 'initiative' })).toEqual(['s1:k-ini', 's2:request_unacknowledged', 's1:ag']);
    expect(ids({ within: 0 })).toEqual(['s1:k-late', 's1:ag']);
    expect(ids({ within: 90 })).toEqual([
      's1:k-late',
      's1:k-soon',
      's2:request_unacknowledged',
      's1:k-far',
      's1:ag',
      's1:case_going_dormant',
      's2:case_going_dormant',
    ]);
    expect(ids({ within: 14, unitId: 'unit-2' })).toEqual(['s2:request_unacknowledged']);
    expect(ids({ within: 14, staffRef: 'a' })).toEqual(['s1:k-late', 's1:k-soon', 's1:ag']);
    expect(ids({ within: 14, kind: 'commitment_overdue' })).toEqual(['s1:k-late']);
  });

  it('a closed case lists nothing; the history as of T decides (a case not yet submitted lists nothing)', () => {
    const e = caseEvents('c6', next);
    const history = foldCaseEvents([e.submitted('2026-03-01T00:00:00Z'), e.closed('2026-03-05T00:00:00Z')]);
    expect(caseWorklistItems({ history, file: file('c6') }, new Date('2026-03-06T00:00:00Z'), settings)).toEqual([]);
    expect(caseWorklistItems({ history, file: file('c6') }, new Date('2026-03-04T00:00:00Z'), settings)).toHaveLength(
      2,
    );
    expect(caseWorklistItems({ history, file: file('c6') }, new Date('2026-02-01T00:00:00Z'), settings)).toEqual([]);
  });

  it('worklistHistory keeps what the worklist reads: same items from the reduced history', () => {
    const e = caseEvents('c7', next);
    const history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.interaction('2026-01-03T00:00:00Z', 'a', 'initiative', 'inform'),
      e.interaction('2026-01-05T00:00:00Z', 'a', 'administration', 'consult'),
      e.interaction('2026-02-05T00:00:00Z', 'a', 'initiative', 'inform'),
      e.staffTime('2026-02-06T00:00:00Z', 'unit-1', 3),
      e.commitment('2026-02-06T00:00:00Z', 'k', 'administration', '2026-02-20'),
    ]);
    const reduced = worklistHistory(history);
    expect(reduced.interactions).toHaveLength(2);
    expect(reduced.staffTime).toEqual([]);
    const t = new Date('2026-03-01T00:00:00Z');
    expect(caseWorklistItems({ history: reduced, file: file('c7') }, t, settings)).toEqual(
      caseWorklistItems({ history, file: file('c7') }, t, settings),
    );
  });
});
