export interface ReminderSettings {
  /** How often the schedule looks for reminders; 0 = no reminders. */
  readonly intervalMs: number;
  /** How long before its due time an item is reminded of as `due`. */
  readonly dueSoonMs: number;
}
