/** Waits for the initiative (AwaitInitiative / ResumeCase) as stretches of business time, and the clocks they pause. */
import type { CaseHistory } from './case-history';
import { metricResponseDueMs, responseDueMs } from './response-target';
import type { MetricsSettings } from './settings';
import { byTime, msOf } from './timed';
import { endOfLocalDayMs, localDate } from './time';

export interface WaitStretch {
  /** Start, epoch ms (never before the submission). */
  readonly from: number;
  /** End, epoch ms: ResumeCase, CaseClosed, the end of `until`, or T for a wait still running at T. */
  readonly to: number;
  /** The wait's last day as recorded; null for a wait until ResumeCase. */
  readonly until: string | null;
  readonly endedBy: 'resumed' | 'closed' | 'until' | 'running';
}

interface Step {
  readonly ms: number;
  readonly pos: number;
  readonly kind: 'closed' | 'reopened' | 'awaited' | 'resumed';
  readonly until?: string;
}

/**
 * The waits of a history cut at T, in order. Taken in business-time order with the closings (ties by
 * position): an InitiativeAwaited starts a wait when the case is open and not waiting; the wait ends at
 * the first of CaseResumed, CaseClosed and the last millisecond of `until` (tenant time zone), else
 * runs to T. A CaseResumed without a wait and a second InitiativeAwaited during one change nothing; a
 * reopened case does not wait. An `until` before the wait's start makes a wait of no length.
 */
export const waitStretches = (h: CaseHistory, submitted: number, t: number, timeZone: string): WaitStretch[] => {
  const waits = h.waits ?? [];
  if (waits.length === 0) return [];
  const steps: Step[] = byTime([...h.closures, ...waits]).map((entry) => ({
    ms: Math.max(msOf(entry), submitted),
    pos: entry.pos,
    kind: entry.kind,
    ...('until' in entry && entry.until !== undefined ? { until: entry.until } : {}),
  }));
  const stretches: WaitStretch[] = [];
  let open = true;
  let current: { from: number; limit: number; until: string | null } | null = null;
  const finish = (to: number, endedBy: WaitStretch['endedBy']) => {
    if (current === null) return;
    stretches.push({ from: current.from, to: Math.max(current.from, to), until: current.until, endedBy });
    current = null;
  };
  for (const step of steps) {
    if (current !== null && current.limit < step.ms) finish(current.limit, 'until');
    if (step.kind === 'closed' && open) {
      open = false;
      finish(step.ms, 'closed');
    } else if (step.kind === 'reopened') open = true;
    else if (step.kind === 'resumed') finish(step.ms, 'resumed');
    else if (step.kind === 'awaited' && open && current === null) {
      const limit = step.until === undefined ? Infinity : endOfLocalDayMs(step.until, timeZone);
      current = { from: step.ms, limit: Math.max(limit, step.ms), until: step.until ?? null };
    }
  }
  if (current !== null) {
    const { limit } = current;
    if (limit < t) finish(limit, 'until');
    else finish(t, 'running');
  }
  return stretches;
};

/** Milliseconds of [from, to] spent waiting for the initiative. */
export const waitedMs = (stretches: readonly WaitStretch[], from: number, to: number): number =>
  stretches.reduce((total, s) => total + Math.max(0, Math.min(to, s.to) - Math.max(from, s.from)), 0);

/** The wait running at T (the last stretch, if it did not end before T). */
export const runningWait = (stretches: readonly WaitStretch[]): WaitStretch | undefined => {
  const last = stretches[stretches.length - 1];
  return last?.endedBy === 'running' ? last : undefined;
};

/**
 * A clock of `durationMs` started at `start` that stops while the case waits: the instant it runs out.
 * (The response target of a request: submission + responseTargetDays, moved by every wait before it
 * runs out.) A wait still running at T moves it up to T.
 */
export const runningDeadline = (start: number, durationMs: number, stretches: readonly WaitStretch[]): number => {
  let deadline = start + durationMs;
  for (const s of stretches) {
    if (s.to <= start) continue;
    if (s.from > deadline) break;
    deadline += s.to - Math.max(s.from, start);
  }
  return deadline;
};

/**
 * A due date's deadline (`end`, the last millisecond of the due day) set at `setAt`, moved by every wait
 * that begins after `setAt` and no later than the deadline in force, by the wait's length; each move
 * lands on the last millisecond of the local day the moved deadline falls on, so a due date stays a
 * date. A wait already running when the date was set does not move it: whoever set it knew of the wait.
 */
export const movedDeadline = (
  end: number,
  setAt: number,
  stretches: readonly WaitStretch[],
  timeZone: string,
): number => {
  let deadline = end;
  for (const s of stretches) {
    if (s.from <= setAt) continue;
    if (s.from > deadline) break;
    if (s.to > s.from) deadline = endOfLocalDayMs(localDate(deadline + (s.to - s.from), timeZone), timeZone);
  }
  return deadline;
};

/**
 * When the first response to a request submitted at `submitted` is due, the waits included: a target
 * in calendar days is a clock that stands still while the case waits (`runningDeadline`); one in
 * working days ends on a day, so it moves like a due date (`movedDeadline`, every wait since the
 * submission). `metrics`: the deadline `respondedWithinTarget` measures against (calendar days unless
 * the tenant opted in); `worklist`: the one the worklist shows.
 */
export const pausedResponseDueMs = (
  submitted: number,
  s: MetricsSettings,
  waits: readonly WaitStretch[],
  purpose: 'metrics' | 'worklist',
): number => {
  const inWorkingDays =
    s.responseTargetWorkingDays !== null && s.calendar !== null && (purpose === 'worklist' || s.workingDayMetrics);
  const due = purpose === 'metrics' ? metricResponseDueMs(submitted, s) : responseDueMs(submitted, s);
  if (waits.length === 0) return due;
  return inWorkingDays
    ? movedDeadline(due, submitted - 1, waits, s.timeZone)
    : runningDeadline(submitted, due - submitted, waits);
};
