import { foldCaseEvents } from './case-history';
import { computeCaseMetrics } from './case-metrics';
import { DEFAULT_METRICS_SETTINGS, resolveMetricsSettings } from './settings';
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
