import { foldCaseEvents } from './case-history';
import { computeCaseMetrics } from './case-metrics';
import { DEFAULT_METRICS_SETTINGS, resolveMetricsSettings } from './settings';
import { GERMAN_STATES } from './working-days';
import { caseEvents } from './testing/case-events';

describe('metric settings', () => {
  it('defaults from METRICS.md', () => {
    expect(resolveMetricsSettings()).toEqual({
      responseTargetDays: 14,
      dormancyDays: 90,
      timeZone: 'Europe/Berlin',
      weights: {
        trust: { responsiveness: 0.25, reliability: 0.3, participation: 0.15, reciprocity: 0.1, perceived: 0.2 },
        continuity: { contactStability: 0.4, handovers: 0.3, rhythm: 0.3 },
      },
      calendar: null,
      responseTargetWorkingDays: null,
      workingDayMetrics: false,
    });
    expect(resolveMetricsSettings(DEFAULT_METRICS_SETTINGS)).toEqual(DEFAULT_METRICS_SETTINGS);
  });

  it('merges partial overrides and validates', () => {
    const s = resolveMetricsSettings({ dormancyDays: 60, weights: { trust: { perceived: 0 } } });
    expect(s.dormancyDays).toBe(60);
    expect(s.weights.trust).toEqual({
      responsiveness: 0.25,
      reliability: 0.3,
      participation: 0.15,
      reciprocity: 0.1,
      perceived: 0,
    });
    expect(() => resolveMetricsSettings({ responseTargetDays: 0 })).toThrow(RangeError);
    expect(() => resolveMetricsSettings({ weights: { continuity: { rhythm: -1 } } })).toThrow(RangeError);
    expect(() => resolveMetricsSettings({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });

  it('tenant weights change the index', () => {
    const e = caseEvents();
    const history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.interaction('2026-01-02T00:00:00Z', 'a', 'administration', 'inform'),
      e.interaction('2026-01-03T00:00:00Z', 'b', 'administration', 'inform'),
    ]);
    const at = new Date('2026-01-13T00:00:00Z');
    // stability [a, b] = 0; handovers 1; rhythm 1 − 10/180 = 17/18
    // default: 100 × (0 + 0.3 + 0.3 × 17/18) / 1 = 58.333…
    expect(computeCaseMetrics(history, at)!.continuityIndex.value).toBeCloseTo(58.33333, 4);
    // only stability weighs: 0
    const onlyStability = { weights: { continuity: { handovers: 0, rhythm: 0 } } };
    expect(computeCaseMetrics(history, at, onlyStability)!.continuityIndex.value).toBe(0);
  });
});

describe('metric settings: each check with its message', () => {
  const refused = (input: Parameters<typeof resolveMetricsSettings>[0], message: string) =>
    expect(() => resolveMetricsSettings(input)).toThrow(new RangeError(message));

  it('positive numbers of days', () => {
    refused({ responseTargetDays: 0 }, 'responseTargetDays must be a positive number, got 0');
    refused({ dormancyDays: -3 }, 'dormancyDays must be a positive number, got -3');
    refused({ dormancyDays: Infinity }, 'dormancyDays must be a positive number, got Infinity');
    refused({ responseTargetDays: NaN }, 'responseTargetDays must be a positive number, got NaN');
    expect(resolveMetricsSettings({ responseTargetDays: 0.5 }).responseTargetDays).toBe(0.5);
  });

  it('weights of 0 or more; a weight given as undefined keeps the default', () => {
    refused({ weights: { trust: { reliability: -0.1 } } }, 'weights.trust.reliability must be >= 0, got -0.1');
    refused({ weights: { continuity: { handovers: NaN } } }, 'weights.continuity.handovers must be >= 0, got NaN');
    expect(
      resolveMetricsSettings({ weights: { trust: { reliability: undefined, perceived: 0 } } }).weights.trust,
    ).toEqual({
      ...DEFAULT_METRICS_SETTINGS.weights.trust,
      perceived: 0,
    });
  });

  it('working days: a Land, a whole target that needs it, and the opt-in that needs the target', () => {
    refused({ calendar: { state: 'XX' } }, `calendar.state must be one of ${GERMAN_STATES.join(', ')}, got XX`);
    refused(
      { calendar: { state: 'BE' }, responseTargetWorkingDays: 1.5 },
      'responseTargetWorkingDays must be a whole number > 0, got 1.5',
    );
    refused(
      { calendar: { state: 'BE' }, responseTargetWorkingDays: 0 },
      'responseTargetWorkingDays must be a whole number > 0, got 0',
    );
    refused(
      { responseTargetWorkingDays: 10 },
      'responseTargetWorkingDays needs calendar (the Land whose public holidays count)',
    );
    refused(
      { calendar: { state: 'BE' }, responseTargetWorkingDays: 10, workingDayMetrics: 'yes' as never },
      'workingDayMetrics must be true or false',
    );
    refused(
      { calendar: { state: 'BE' }, workingDayMetrics: true },
      'workingDayMetrics needs responseTargetWorkingDays',
    );
    expect(
      resolveMetricsSettings({ calendar: { state: 'BE' }, responseTargetWorkingDays: 10, workingDayMetrics: true }),
    ).toMatchObject({ calendar: { state: 'BE' }, responseTargetWorkingDays: 10, workingDayMetrics: true });
    expect(resolveMetricsSettings({ calendar: null })).toMatchObject({
      calendar: null,
      responseTargetWorkingDays: null,
      workingDayMetrics: false,
    });
  });

  it('resolving resolved settings gives them back as they are', () => {
    const once = resolveMetricsSettings({ dormancyDays: 30, timeZone: 'UTC' });
    expect(resolveMetricsSettings(once)).toBe(once);
    expect(once).toMatchObject({ dormancyDays: 30, timeZone: 'UTC', responseTargetDays: 14 });
  });
});
