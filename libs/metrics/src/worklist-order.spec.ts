import { emptyCaseHistory, foldCaseEvents } from './case-history';
import { caseEvents, positions, scores } from './testing/case-events';
import {
  compareWorklistItems,
  isAfterInWorklist,
  selectWorklist,
  WorklistItem,
  worklistHistory,
  worklistOrderOf,
} from './worklist';

const item = (over: Partial<WorklistItem>): WorklistItem => ({
  kind: 'commitment_due',
  caseId: 'c1',
  caseTitle: null,
  dueOn: null,
  dueAt: '2026-03-10T10:00:00.000Z',
  overdueDays: 0,
  unitId: 'unit-1',
  staffRef: 'a',
  promisor: null,
  refId: 'k1',
  hurts: 'x',
  paused: false,
  ...over,
});

describe('the worklist’s order: oldest first, ties by case, kind and reference', () => {
  const early = item({ dueAt: '2026-03-09T10:00:00.000Z', caseId: 'z' });
  const caseA = item({ caseId: 'a' });
  const caseB = item({ caseId: 'b' });
  const commitmentK1 = item({ refId: 'k1' });
  const commitmentK2 = item({ refId: 'k2' });
  const request = item({ kind: 'request_unacknowledged', refId: null });

  it('compares by due time first, then by the key “case kind reference”', () => {
    expect(compareWorklistItems(early, caseA)).toBe(-1);
    expect(compareWorklistItems(caseA, early)).toBe(1);
    expect(compareWorklistItems(caseA, caseB)).toBe(-1);
    expect(compareWorklistItems(caseB, caseA)).toBe(1);
    expect(compareWorklistItems(commitmentK1, commitmentK2)).toBe(-1);
    expect(compareWorklistItems(commitmentK2, commitmentK1)).toBe(1);
    expect(compareWorklistItems(commitmentK1, request)).toBe(-1); // commitment_due < request_unacknowledged
    expect(compareWorklistItems(commitmentK1, { ...commitmentK1 })).toBe(0);
  });

  it('names an item’s place as [dueAt, key], with an empty reference for items about the whole case', () => {
    expect(worklistOrderOf(commitmentK2)).toEqual(['2026-03-10T10:00:00.000Z', 'c1 commitment_due k2']);
    expect(worklistOrderOf(request)).toEqual(['2026-03-10T10:00:00.000Z', 'c1 request_unacknowledged ']);
  });

  it('tells whether an item comes after a place (a cursor): strictly later, or the same time and a greater key', () => {
    const place = worklistOrderOf(commitmentK1);
    expect(isAfterInWorklist(commitmentK2, place)).toBe(true);
    expect(isAfterInWorklist(item({ dueAt: '2026-03-10T10:00:00.001Z', caseId: 'a' }), place)).toBe(true);
    expect(isAfterInWorklist(commitmentK1, place)).toBe(false);
    expect(isAfterInWorklist(caseA, place)).toBe(false);
    expect(isAfterInWorklist(early, place)).toBe(false);
  });

  it('selectWorklist sorts what it was given out of order, and keeps an item due exactly at the window’s end', () => {
    const t = Date.parse('2026-03-01T10:00:00.000Z');
    // within 9 days: the window ends 2026-03-10T10:00:00.000Z, the due time of every item here but `early`.
    const selected = selectWorklist([request, commitmentK2, caseB, early, commitmentK1, caseA], t, { within: 9 });
    expect(selected).toEqual([early, caseA, caseB, commitmentK1, commitmentK2, request]);
    expect(selectWorklist([...selected].reverse(), t, { within: 9 })).toEqual(selected);
    expect(selectWorklist([request], t - 1, { within: 9 })).toEqual([]);
  });
});

describe('worklistHistory: the part of a case history the worklist reads', () => {
  const e = caseEvents('h1', positions());

  it('empties the lists the worklist does not read and keeps the first interaction by the administration and the latest', () => {
    const h = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.assigned('2026-01-02T00:00:00Z', 'a'),
      e.interaction('2026-01-03T00:00:00Z', 'a', 'initiative', 'inform'),
      e.interaction('2026-01-04T00:00:00Z', 'a', 'administration', 'consult'),
      e.interaction('2026-01-05T00:00:00Z', 'a', 'administration', 'consult'),
      e.interaction('2026-01-06T00:00:00Z', 'a', 'initiative', 'inform'),
      e.applied('2026-01-07T00:00:00Z', 'app-1'),
      e.awarded('2026-01-08T00:00:00Z', 'app-1'),
      e.supportAgreed('2026-01-09T00:00:00Z'),
      e.staffTime('2026-01-10T00:00:00Z', 'unit-1', 2),
      e.feedback('2026-01-11T00:00:00Z', 'initiative', scores(4, 4, 4, 4, 4)),
    ]);
    const [, firstByAdministration, , latest] = [...h.interactions].sort((a, b) => a.pos - b.pos);
    expect(worklistHistory(h)).toEqual({
      ...h,
      contactAssignments: [],
      interactions: [firstByAdministration, latest],
      fundingApplications: [],
      fundingDecisions: [],
      stageMoves: [],
      interimUseExtensions: [],
      staffTime: [],
      trustFeedback: [],
    });
  });

  it('keeps one interaction when the latest is the administration’s first, and none when there are none', () => {
    const only = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.interaction('2026-01-03T00:00:00Z', 'a', 'administration', 'consult'),
    ]);
    expect(worklistHistory(only).interactions).toEqual(only.interactions);
    const byInitiative = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.interaction('2026-01-03T00:00:00Z', 'a', 'initiative', 'inform'),
      e.interaction('2026-01-04T00:00:00Z', 'a', 'initiative', 'inform'),
    ]);
    expect(worklistHistory(byInitiative).interactions).toEqual([byInitiative.interactions.at(-1)]);
    expect(worklistHistory(emptyCaseHistory('h2')).interactions).toEqual([]);
  });
});
