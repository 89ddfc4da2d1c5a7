import type { MetricsSettings } from './settings';
import { endOfLocalDayMs, localDate, MS_PER_DAY } from './time';
import { addWorkingDays } from './working-days';

/**
 * When the first response to a request is due (epoch ms): `responseTargetDays` after the submission,
 * or, with `responseTargetWorkingDays`, the end of the n-th working day after the submission's local date.
 */
export const responseDueMs = (submittedMs: number, s: MetricsSettings): number =>
  s.responseTargetWorkingDays !== null && s.calendar !== null
    ? endOfLocalDayMs(
        addWorkingDays(localDate(submittedMs, s.timeZone), s.responseTargetWorkingDays, s.calendar),
        s.timeZone,
      )
    : submittedMs + s.responseTargetDays * MS_PER_DAY;

/** The deadline `respondedWithinTarget` measures against: calendar days unless the tenant opted in (`workingDayMetrics`). */
export const metricResponseDueMs = (submittedMs: number, s: MetricsSettings): number =>
  s.workingDayMetrics ? responseDueMs(submittedMs, s) : submittedMs + s.responseTargetDays * MS_PER_DAY;
