import { assertTimeZone, DEFAULT_TIME_ZONE } from './time';
import { GERMAN_STATES, isGermanState, WorkingDayCalendar } from './working-days';

/** Weights of the trustIndex components (METRICS.md defaults). */
export interface TrustWeights {
  readonly responsiveness: number;
  readonly reliability: number;
  readonly participation: number;
  readonly reciprocity: number;
  readonly perceived: number;
}

/** Weights of the continuityIndex components (METRICS.md defaults). */
export interface ContinuityWeights {
  readonly contactStability: number;
  readonly handovers: number;
  readonly rhythm: number;
}

/** Per-tenant metric settings. */
export interface MetricsSettings {
  readonly responseTargetDays: number;
  readonly dormancyDays: number;
  readonly timeZone: string;
  readonly weights: { readonly trust: TrustWeights; readonly continuity: ContinuityWeights };
  /** The Land whose public holidays are not working days; null: working days are not used. */
  readonly calendar: WorkingDayCalendar | null;
  /** The response target in working days (needs `calendar`): the worklist's due date of a first response. */
  readonly responseTargetWorkingDays: number | null;
  /** The tenant's opt-in: `respondedWithinTarget` measured against the working-day target (docs/METRICS.md). */
  readonly workingDayMetrics: boolean;
}

/** What a tenant may override; anything left out takes the default. */
export interface MetricsSettingsInput {
  readonly responseTargetDays?: number;
  readonly dormancyDays?: number;
  readonly timeZone?: string;
  readonly weights?: { readonly trust?: Partial<TrustWeights>; readonly continuity?: Partial<ContinuityWeights> };
  readonly calendar?: { readonly state: string } | null;
  readonly responseTargetWorkingDays?: number | null;
  readonly workingDayMetrics?: boolean;
}

export const DEFAULT_METRICS_SETTINGS: MetricsSettings = Object.freeze({
  responseTargetDays: 14,
  dormancyDays: 90,
  timeZone: DEFAULT_TIME_ZONE,
  weights: Object.freeze({
    trust: Object.freeze({
      responsiveness: 0.25,
      reliability: 0.3,
      participation: 0.15,
      reciprocity: 0.1,
      perceived: 0.2,
    }),
    continuity: Object.freeze({ contactStability: 0.4, handovers: 0.3, rhythm: 0.3 }),
  }),
  calendar: null,
  responseTargetWorkingDays: null,
  workingDayMetrics: false,
});

const positive = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
};

const weights = <W extends object>(name: string, defaults: W, input: Partial<W> | undefined): W => {
  const merged = { ...defaults, ...stripUndefined(input ?? {}) } as W;
  for (const [key, value] of Object.entries(merged) as [string, number][]) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`weights.${name}.${key} must be >= 0, got ${value}`);
  }
  return merged;
};

const stripUndefined = <T extends object>(input: T): Partial<T> =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Settings this module resolved (or the defaults): resolving them again gives the same. */
const resolved = new WeakSet<object>([DEFAULT_METRICS_SETTINGS]);

/** Defaults merged with the tenant's overrides, validated. */
export const resolveMetricsSettings = (input: MetricsSettingsInput = {}): MetricsSettings => {
  if (resolved.has(input)) return input as MetricsSettings;
  const result = resolveAnew(input);
  resolved.add(result);
  return result;
};

const resolveAnew = (input: MetricsSettingsInput): MetricsSettings => {
  const d = DEFAULT_METRICS_SETTINGS;
  const timeZone = input.timeZone ?? d.timeZone;
  assertTimeZone(timeZone);
  return {
    responseTargetDays: positive('responseTargetDays', input.responseTargetDays ?? d.responseTargetDays),
    dormancyDays: positive('dormancyDays', input.dormancyDays ?? d.dormancyDays),
    timeZone,
    weights: {
      trust: weights('trust', d.weights.trust, input.weights?.trust),
      continuity: weights('continuity', d.weights.continuity, input.weights?.continuity),
    },
    ...workingDays(input),
  };
};

const workingDays = (
  input: MetricsSettingsInput,
): Pick<MetricsSettings, 'calendar' | 'responseTargetWorkingDays' | 'workingDayMetrics'> => {
  const state = input.calendar?.state;
  if (input.calendar != null && !isGermanState(state))
    throw new RangeError(`calendar.state must be one of ${GERMAN_STATES.join(', ')}, got ${String(state)}`);
  const calendar = isGermanState(state) ? Object.freeze({ state }) : null;
  const target = input.responseTargetWorkingDays ?? null;
  if (target !== null && (!Number.isInteger(target) || target <= 0))
    throw new RangeError(`responseTargetWorkingDays must be a whole number > 0, got ${target}`);
  if (target !== null && calendar === null)
    throw new RangeError('responseTargetWorkingDays needs calendar (the Land whose public holidays count)');
  const workingDayMetrics = input.workingDayMetrics ?? false;
  if (typeof workingDayMetrics !== 'boolean') throw new RangeError('workingDayMetrics must be true or false');
  if (workingDayMetrics && target === null) throw new RangeError('workingDayMetrics needs responseTargetWorkingDays');
  return { calendar, responseTargetWorkingDays: target, workingDayMetrics };
};
