import { reminderOccasions } from './reminders';
import { MS_PER_DAY } from './time';
import type { WorklistItem } from './worklist';

const item = (dueAt: string, over: Partial<WorklistItem> = {}): WorklistItem => ({
  kind: 'commitment_due',
  caseId: 'c1',
  caseTitle: 'T',
  dueOn: null,
  dueAt,
  overdueDays: 0,
  unitId: null,
  staffRef: null,
  promisor: 'administration',
  refId: 'k1',
  hurts: 'commitmentReliability.administration',
  paused: false,
  ...over,
});

describe('reminderOccasions', () => {
  const window = 3 * MS_PER_DAY;
  const dueAt = '2026-03-20T22:59:59.999Z';
  const at = (t: string) => reminderOccasions([item(dueAt)], new Date(t), window).map((o) => o.transition);

  it('nothing before the due-soon window, due within it (due time included), overdue after it', () => {
    expect(at('2026-03-17T22:59:59.998Z')).toEqual([]);
    expect(at('2026-03-17T22:59:59.999Z')).toEqual(['due']);
    expect(at('2026-03-20T22:59:59.999Z')).toEqual(['due']);
    expect(at('2026-03-20T23:00:00.000Z')).toEqual(['overdue']);
  });

  it("an interim-use agreement's end is due soon 60 days ahead, as the worklist lists it", () => {
    const ending = item(dueAt, { kind: 'interim_use_ending', promisor: null, refId: 'ag' });
    const on = (t: string) => reminderOccasions([ending], new Date(t), window).map((o) => o.transition);
    expect(on('2026-01-19T22:59:59.998Z')).toEqual([]);
    expect(on('2026-01-19T22:59:59.999Z')).toEqual(['due']);
  });

  it('a paused item calls for no reminder, whatever its due time', () => {
    expect(reminderOccasions([item(dueAt, { paused: true })], new Date('2026-03-19T00:00:00Z'), window)).toEqual([]);
    expect(reminderOccasions([item(dueAt, { paused: true })], new Date('2026-03-25T00:00:00Z'), window)).toEqual([]);
  });
});
