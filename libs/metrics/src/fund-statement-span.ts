/**
 * Over which instants a fund's statement stays what it is at one T. fundStatement depends on T in two
 * ways only: which entries happened by T, and whether T is past an owed proof's due end (due or
 * overdue). Between the neighbouring entries and due ends, every T gives the same statement but for
 * its `asOf`, so a statement computed once answers every T in its span (a cache keyed by the span
 * reuses "as of now" across requests until the next event or the next proof falls due).
 */
import type { FundHistory } from './fund-history';
import { FundStatement, proofDueEnd } from './fund-statement';
import { DEFAULT_TIME_ZONE, toMs } from './time';
import { msOf } from './timed';

/** First and last millisecond (both inclusive) at which fundStatement gives the same figures. */
export interface StatementSpan {
  readonly fromMs: number;
  readonly untilMs: number;
}

/** The span around `statement.asOf` of `statement`, which fundStatement computed from `history` in `timeZone`. */
export function statementSpan(
  history: FundHistory,
  statement: FundStatement,
  timeZone: string = DEFAULT_TIME_ZONE,
): StatementSpan {
  const t = toMs(statement.asOf);
  let fromMs = -Infinity;
  let untilMs = Infinity;
  for (const entry of history.entries) {
    const ms = msOf(entry);
    if (ms <= t) fromMs = Math.max(fromMs, ms);
    else untilMs = Math.min(untilMs, ms - 1);
  }
  for (const application of statement.applications) {
    if (application.proof !== 'due' && application.proof !== 'overdue') continue;
    const end = proofDueEnd(application, timeZone) as number;
    if (application.proof === 'due') untilMs = Math.min(untilMs, end);
    else fromMs = Math.max(fromMs, end + 1);
  }
  return { fromMs, untilMs };
}

export const withinSpan = (span: StatementSpan, ms: number): boolean => span.fromMs <= ms && ms <= span.untilMs;
