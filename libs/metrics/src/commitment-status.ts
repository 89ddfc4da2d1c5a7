import { DEFAULT_TIME_ZONE, endOfLocalDayMs, localDate, toMs } from './time';
import { movedDeadline, runningWait, WaitStretch } from './waiting';

export const COMMITMENT_STATUSES = ['kept', 'late', 'broken', 'overdue', 'open'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export interface CommitmentChange {
  readonly kind: 'renegotiated' | 'fulfilled' | 'withdrawn';
  /** Business time (occurredAt). */
  readonly at: Date | number | string;
  /** Only for `renegotiated`. */
  readonly newDueOn?: string;
  /** Tie-break for equal times (store position); optional. */
  readonly pos?: number;
}

export interface CommitmentAssessment {
  readonly status: CommitmentStatus;
  /** The due date in force as of T (after renegotiations made in time, moved by waits for the initiative). */
  readonly dueOn: string;
  /** Only when waits for the initiative moved it: the due date in force as agreed (made or renegotiated). */
  readonly agreedDueOn?: string;
  /** Only while open: the wait for the initiative running at T moves the due date (it stands still). */
  readonly paused?: true;
  /** A renegotiation arrived after the due date in force. */
  readonly markedLate: boolean;
}

/**
 * The status of one commitment as of T (METRICS.md):
 * - the due date in force starts as `dueOn`; a renegotiation occurring on or before it (<= its
 *   23:59:59.999 local time) replaces it with `newDueOn`; one occurring after it leaves it unchanged
 *   and marks the commitment late, whatever happens next;
 * - kept: fulfilled on or before the due date in force and not marked late;
 * - late: fulfilled after the due date in force, or marked late (this wins over broken and overdue);
 * - broken: withdrawn and not marked late before;
 * - overdue: neither fulfilled nor withdrawn and T after the due date in force;
 * - open: otherwise.
 *
 * Changes are taken in business-time order; only those at or before T count. The first fulfilment or
 * withdrawal ends the commitment: changes after it are ignored.
 *
 * `paused` (the administration's promises only): the case's waits for the initiative, and when the
 * promise was made. The due date in force then moves by each wait that begins after it was set
 * (made, or renegotiated in time) and before it ran out (`movedDeadline`).
 */
export const commitmentStatus = (
  dueOn: string,
  changes: readonly CommitmentChange[],
  asOf: Date | number,
  timeZone: string = DEFAULT_TIME_ZONE,
  paused?: { readonly madeAt: number; readonly waits: readonly WaitStretch[] },
): CommitmentAssessment => {
  const t = toMs(asOf);
  const ordered = changes
    .map((change) => ({ change, ms: toMs(change.at) }))
    .filter(({ ms }) => ms <= t)
    .sort((a, b) => a.ms - b.ms || (a.change.pos ?? 0) - (b.change.pos ?? 0));
  let due = dueOn;
  let setAt = paused?.madeAt ?? 0;
  const deadline = (): number => {
    const end = endOfLocalDayMs(due, timeZone);
    return paused && paused.waits.length ? movedDeadline(end, setAt, paused.waits, timeZone) : end;
  };
  let end = deadline();
  let markedLate = false;
  const assessed = (status: CommitmentStatus): CommitmentAssessment =>
    end === endOfLocalDayMs(due, timeZone)
      ? { status, dueOn: due, markedLate }
      : { status, dueOn: localDate(end, timeZone), agreedDueOn: due, markedLate };
  for (const { change, ms } of ordered) {
    if (change.kind === 'renegotiated') {
      if (ms <= end && change.newDueOn !== undefined) {
        due = change.newDueOn;
        setAt = ms;
        end = deadline();
      } else if (ms > end) markedLate = true;
      continue;
    }
    if (change.kind === 'fulfilled') return assessed(markedLate || ms > end ? 'late' : 'kept');
    return assessed(markedLate ? 'late' : 'broken');
  }
  if (markedLate) return assessed('late');
  if (t > end) return assessed('overdue');
  return pausedByRunningWait(paused?.waits ?? [], setAt, endOfLocalDayMs(due, timeZone), timeZone)
    ? { ...assessed('open'), paused: true }
    : assessed('open');
};

/** The last wait runs at T, began after the date was set, and before the deadline the earlier waits left. */
const pausedByRunningWait = (waits: readonly WaitStretch[], setAt: number, end: number, timeZone: string): boolean => {
  const running = runningWait(waits);
  if (running === undefined || running.from <= setAt) return false;
  return running.from <= movedDeadline(end, setAt, waits.slice(0, -1), timeZone);
};
