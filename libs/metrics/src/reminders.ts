import { MS_PER_DAY, toMs } from './time';
import { INTERIM_USE_NOTICE_DAYS, type WorklistItem } from './worklist';

/** `due`: the item falls due within the due-soon window; `overdue`: its due time has passed. */
export const REMINDER_TRANSITIONS = ['due', 'overdue'] as const;
export type ReminderTransition = (typeof REMINDER_TRANSITIONS)[number];

export interface ReminderOccasion {
  readonly transition: ReminderTransition;
  readonly item: WorklistItem;
}

/**
 * The reminders worklist items call for as of T (pure): `overdue` once T is past the item's `dueAt`;
 * `due` while it falls due within `dueSoonMs` and is not overdue yet (a scheduler that was not
 * running during that window sends only `overdue`). An interim-use agreement's end is due soon
 * INTERIM_USE_NOTICE_DAYS ahead at least, as the worklist lists it: extending it takes that long. A paused item calls for none: its due time moves
 * as long as the case waits, so it is no date to remind of. Each occasion is sent once per item,
 * due time and transition by whoever records it (see the reminder ledger).
 */
export const reminderOccasions = (
  items: Iterable<WorklistItem>,
  asOf: Date | number,
  dueSoonMs: number,
): ReminderOccasion[] => {
  const t = toMs(asOf);
  const occasions: ReminderOccasion[] = [];
  for (const item of items) {
    if (item.paused) continue;
    const due = Date.parse(item.dueAt);
    if (t > due) occasions.push({ transition: 'overdue', item });
    else if (t >= due - windowOf(item, dueSoonMs)) occasions.push({ transition: 'due', item });
  }
  return occasions;
};

const windowOf = (item: WorklistItem, dueSoonMs: number): number =>
  item.kind === 'interim_use_ending' ? Math.max(dueSoonMs, INTERIM_USE_NOTICE_DAYS * MS_PER_DAY) : dueSoonMs;
