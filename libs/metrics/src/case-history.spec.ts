import { CaseHistory, caseHistoryAsOf, emptyCaseHistory, foldCaseEvent, foldCaseEvents } from './case-history';
import { caseEvents, eventBuilder, positions, scores } from './testing/case-events';

/** The stored form of a case history (a read-model row): what each event type adds, field by field. */
describe('case history: what each event adds', () => {
  const next = positions();
  const e = caseEvents('case-1', next);
  const ev = eventBuilder(next);
  const at = (day: string) => `2026-01-${day}T08:00:00.000Z`;
  let history: CaseHistory;
  beforeEach(() => {
    history = foldCaseEvents([
      e.submitted(at('01'), 'initiative-7', 'sport'), // 1
      e.acknowledged(at('02'), 'unit-1', 'clerk-a'), // 2
      e.assigned(at('03'), 'clerk-b', 'unit-2'), // 3
      e.interaction(at('04'), 'clerk-b', 'initiative', 'involve'), // 4
      e.commitment(at('05'), 'c1', 'administration', '2026-02-01'), // 5
      e.renegotiated(at('06'), 'c1', '2026-02-15'), // 6
      e.fulfilled(at('07'), 'c1'), // 7
      e.withdrawn(at('08'), 'c2'), // 8
      e.applied(at('09'), 'app-1', 'fund-3'), // 9
      e.awarded(at('10'), 'app-1'), // 10
      e.rejected(at('11'), 'app-2'), // 11
      e.supportAgreed(at('12')), // 12
      e.interimUseAgreed(at('13')), // 13
      e.interimUseExtended(at('14'), '2026-12-31'), // 14
      e.institutionalised(at('15')), // 15
      e.staffTime(at('16'), 'unit-2', 2.5), // 16
      e.feedback(at('17'), 'administration', scores(1, 2, 3, 4, 5)), // 17
      e.closed(at('18'), 'merged'), // 18
      e.reopened(at('19')), // 19
      e.awaited(at('20'), '2026-02-28'), // 20
      e.resumed(at('21')), // 21
      e.awaited(at('22')), // 22
      ev('RequestSubmitted', { caseId: 'case-1', initiativeId: 'initiative-8', category: 'late' }, at('23')), // 23
    ]);
  });

  it('keeps the fields the metrics read, with business time and position', () => {
    expect(history).toEqual({
      v: 1,
      caseId: 'case-1',
      submitted: { at: at('01'), pos: 1, initiativeId: 'initiative-7', category: 'sport' },
      acknowledgements: [{ at: at('02'), pos: 2, unitId: 'unit-1', staffRef: 'clerk-a' }],
      contactAssignments: [{ at: at('03'), pos: 3, staffRef: 'clerk-b', unitId: 'unit-2' }],
      interactions: [
        {
          at: at('04'),
          pos: 4,
          staffRef: 'clerk-b',
          unitId: 'unit-1',
          initiatedBy: 'initiative',
          participationLevel: 'involve',
        },
      ],
      commitments: [{ at: at('05'), pos: 5, commitmentId: 'c1', promisor: 'administration', dueOn: '2026-02-01' }],
      commitmentChanges: [
        { at: at('06'), pos: 6, commitmentId: 'c1', kind: 'renegotiated', newDueOn: '2026-02-15' },
        { at: at('07'), pos: 7, commitmentId: 'c1', kind: 'fulfilled' },
        { at: at('08'), pos: 8, commitmentId: 'c2', kind: 'withdrawn' },
      ],
      fundingApplications: [{ at: at('09'), pos: 9, applicationId: 'app-1', fundId: 'fund-3' }],
      fundingDecisions: [
        { at: at('10'), pos: 10, applicationId: 'app-1', decision: 'awarded' },
        { at: at('11'), pos: 11, applicationId: 'app-2', decision: 'rejected' },
      ],
      stageMoves: [
        { at: at('12'), pos: 12, stage: 'support' },
        { at: at('13'), pos: 13, stage: 'interim_use' },
        { at: at('15'), pos: 15, stage: 'institutionalised' },
      ],
      interimUseExtensions: [{ at: at('14'), pos: 14 }],
      staffTime: [{ at: at('16'), pos: 16, unitId: 'unit-2', hours: 2.5 }],
      trustFeedback: [
        {
          at: at('17'),
          pos: 17,
          respondent: 'administration',
          scores: { responsiveness: 1, reliability: 2, integrity: 3, openness: 4, fairness: 5 },
        },
      ],
      closures: [
        { at: at('18'), pos: 18, kind: 'closed', outcome: 'merged' },
        { at: at('19'), pos: 19, kind: 'reopened' },
      ],
      waits: [
        { at: at('20'), pos: 20, kind: 'awaited', until: '2026-02-28' },
        { at: at('21'), pos: 21, kind: 'resumed' },
        { at: at('22'), pos: 22, kind: 'awaited' },
      ],
    });
    expect('until' in history.waits![2]).toBe(false);
  });

  it('the first submission (lowest position) wins, whatever the folding order', () => {
    const first = e.submitted(at('01'), 'initiative-1');
    const second = ev('RequestSubmitted', { caseId: 'case-1', initiativeId: 'initiative-2', category: 'c' }, at('02'));
    for (const order of [
      [first, second],
      [second, first],
    ])
      expect(foldCaseEvents(order).submitted).toMatchObject({ pos: first.position, initiativeId: 'initiative-1' });
    const once = foldCaseEvents([first]);
    expect(foldCaseEvent(once, first)).toBe(once);
  });

  it('ignores events without a case id, of another case, and of other types', () => {
    const other = caseEvents('case-2', next);
    for (const event of [
      ev('InteractionRecorded', { caseId: 7 }, at('24')),
      ev('InteractionRecorded', null as never, at('24')),
      other.interaction(at('24'), 'x', 'initiative', 'inform'),
      ev('SponsorAssigned', { caseId: 'case-1' }, at('24')),
    ])
      expect(foldCaseEvent(history, event)).toBe(history);
  });

  it('an empty history stays empty for events without a string case id', () => {
    for (const data of [{ caseId: 7 }, {}, null])
      expect(foldCaseEvent(emptyCaseHistory(), ev('InteractionRecorded', data as never, at('24')))).toEqual(
        emptyCaseHistory(),
      );
  });

  it('a history without a case id takes its first event’s', () => {
    const started = foldCaseEvent(emptyCaseHistory(), e.acknowledged(at('02')));
    expect(started.caseId).toBe('case-1');
    expect(started.acknowledgements).toHaveLength(1);
  });
});

describe('a history stored before waits existed (no `waits` list)', () => {
  const e = caseEvents('case-old');
  let old: CaseHistory;
  beforeEach(() => {
    const { waits: _, ...rest } = foldCaseEvents([e.submitted('2026-01-01T00:00:00Z')]);
    old = rest;
  });

  it('reads as one without waits, and a wait folded into it is its first', () => {
    expect(caseHistoryAsOf(old, new Date('2026-02-01T00:00:00Z')).waits).toEqual([]);
    const folded = foldCaseEvent(old, e.awaited('2026-01-10T00:00:00Z'));
    expect(folded.waits).toEqual([{ at: '2026-01-10T00:00:00.000Z', pos: expect.any(Number), kind: 'awaited' }]);
  });
});

describe('caseHistoryAsOf', () => {
  it('keeps exactly the entries up to T in every list, and the submission only when it is', () => {
    const e = caseEvents('case-t');
    const events = [
      e.submitted('2026-01-01T00:00:00Z'),
      e.acknowledged('2026-01-02T00:00:00Z'),
      e.assigned('2026-01-03T00:00:00Z', 'a'),
      e.interaction('2026-01-04T00:00:00Z', 'a', 'initiative', 'inform'),
      e.commitment('2026-01-05T00:00:00Z', 'c1', 'initiative', '2026-02-01'),
      e.fulfilled('2026-01-06T00:00:00Z', 'c1'),
      e.applied('2026-01-07T00:00:00Z', 'app-1'),
      e.awarded('2026-01-08T00:00:00Z', 'app-1'),
      e.supportAgreed('2026-01-09T00:00:00Z'),
      e.closed('2026-01-10T00:00:00Z'),
      e.awaited('2026-01-11T00:00:00Z'),
      e.interimUseExtended('2026-01-12T00:00:00Z', '2026-12-31'),
      e.staffTime('2026-01-13T00:00:00Z', 'unit-1', 1),
      e.feedback('2026-01-14T00:00:00Z', 'initiative', scores(3, 3, 3, 3, 3)),
    ];
    const history = foldCaseEvents(events);
    const lists = (h: CaseHistory) =>
      Object.entries(h)
        .filter(([, value]) => Array.isArray(value))
        .map(([name, value]) => [name, (value as unknown[]).length]);
    // at the last millisecond before the 14th event nothing of it; at its instant all of it
    expect(lists(caseHistoryAsOf(history, new Date('2026-01-13T23:59:59.999Z')))).toEqual(
      lists({ ...history, trustFeedback: [] }),
    );
    expect(caseHistoryAsOf(history, new Date('2026-01-14T00:00:00Z'))).toEqual(history);
    // before the 2nd: only the submission
    const first = caseHistoryAsOf(history, new Date('2026-01-01T00:00:00Z'));
    expect(first.submitted).toEqual(history.submitted);
    expect(lists(first).every(([, length]) => length === 0)).toBe(true);
    expect(caseHistoryAsOf(history, new Date('2025-12-31T23:59:59.999Z')).submitted).toBeNull();
  });
});
