import { toMs } from './time';
import type { WorklistItem } from './worklist';

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
 * running during that window sends only `overdue`). A paused item calls for none: its due time moves
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
    else if (t >= due - dueSoonMs) occasions.push({ transition: 'due', item });
  }
  return occasions;
};
