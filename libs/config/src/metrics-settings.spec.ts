import { DEFAULT_METRICS_SETTINGS, resolveMetricsSettings } from '@koproduktiv/metrics';
import { ConfigError } from './config-error';
import { metricsSettingsFromEnv } from './metrics-settings';

const problemsOf = (json: string): readonly string[] => {
  try {
    metricsSettingsFromEnv(json);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`accepted ${json}`);
};

describe('METRICS_SETTINGS (metricsSettingsFromEnv)', () => {
  it('gives every tenant the defaults unless it has its own, unset or blank', () => {
    expect(metricsSettingsFromEnv(undefined)('musterstadt')).toEqual(DEFAULT_METRICS_SETTINGS);
    expect(metricsSettingsFromEnv('  ')('musterstadt')).toEqual(DEFAULT_METRICS_SETTINGS);
    const settings = metricsSettingsFromEnv('{"musterstadt":{"responseTargetDays":10},"nachbarort":{}}');
    expect(settings('musterstadt')).toEqual({ ...DEFAULT_METRICS_SETTINGS, responseTargetDays: 10 });
    expect(settings('nachbarort')).toEqual(DEFAULT_METRICS_SETTINGS);
    expect(settings('anderswo')).toEqual(DEFAULT_METRICS_SETTINGS);
  });

  it('resolves every setting exactly as the metrics resolve them (kept snapshots are keyed by that)', () => {
    const own = {
      responseTargetDays: 7.5,
      dormancyDays: null,
      timeZone: 'America/New_York',
      weights: { trust: { responsiveness: 0, perceived: 0.5 }, continuity: { rhythm: 1 } },
      calendar: { state: 'BY' },
      responseTargetWorkingDays: 10,
      workingDayMetrics: true,
    };
    expect(JSON.stringify(metricsSettingsFromEnv(JSON.stringify({ musterstadt: own }))('musterstadt'))).toBe(
      JSON.stringify(resolveMetricsSettings(own as never)),
    );
    expect(metricsSettingsFromEnv('{"m":{"calendar":null,"responseTargetWorkingDays":null}}')('m')).toEqual(
      DEFAULT_METRICS_SETTINGS,
    );
  });

  const m = 'METRICS_SETTINGS.musterstadt';
  it.each([
    ['{musterstadt', 'METRICS_SETTINGS is not valid JSON'],
    ['[1]', 'METRICS_SETTINGS must be a JSON object keyed by tenant id'],
    ['{"musterstadt":5}', 'METRICS_SETTINGS: tenant "musterstadt" must be an object of settings'],
    [
      '{"musterstadt":{"responseTargetDay":10}}',
      'METRICS_SETTINGS: tenant "musterstadt": unknown setting responseTargetDay',
    ],
    [
      '{"musterstadt":{"weights":{"trust":{"care":1}}}}',
      'METRICS_SETTINGS: tenant "musterstadt": unknown setting weights.trust.care',
    ],
    [
      '{"musterstadt":{"calendar":{"state":"NW","city":"Köln"}}}',
      'METRICS_SETTINGS: tenant "musterstadt": unknown setting calendar.city',
    ],
    ['{"musterstadt":{"responseTargetDays":0}}', `${m}.responseTargetDays must be a number above 0, got 0`],
    ['{"musterstadt":{"responseTargetDays":"10"}}', `${m}.responseTargetDays must be a number above 0, got "10"`],
    ['{"musterstadt":{"dormancyDays":-1}}', `${m}.dormancyDays must be a number above 0, got -1`],
    [
      '{"musterstadt":{"timeZone":"Mars/Olympus"}}',
      `${m}.timeZone must be an IANA time zone such as Europe/Berlin, got "Mars/Olympus"`,
    ],
    ['{"musterstadt":{"weights":[]}}', `${m}.weights must be an object, got []`],
    [
      '{"musterstadt":{"weights":{"trust":{"reliability":-0.1}}}}',
      `${m}.weights.trust.reliability must be a number >= 0, got -0.1`,
    ],
    [
      '{"musterstadt":{"weights":{"continuity":{"rhythm":null}}}}',
      `${m}.weights.continuity.rhythm must be a number >= 0, got null`,
    ],
    ['{"musterstadt":{"weights":{"continuity":"even"}}}', `${m}.weights.continuity must be an object, got "even"`],
    ['{"musterstadt":{"calendar":"NW"}}', `${m}.calendar must be an object such as {"state": "NW"} or null, got "NW"`],
    [
      '{"musterstadt":{"calendar":{"state":"XX"}}}',
      `${m}.calendar.state must be one of BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH, got "XX"`,
    ],
    [
      '{"musterstadt":{"calendar":{"state":"NW"},"responseTargetWorkingDays":2.5}}',
      `${m}.responseTargetWorkingDays must be a whole number > 0, got 2.5`,
    ],
    [
      '{"musterstadt":{"responseTargetWorkingDays":10}}',
      `${m}.responseTargetWorkingDays needs calendar (the Land whose public holidays count)`,
    ],
    [
      '{"musterstadt":{"calendar":{"state":"NW"},"workingDayMetrics":true}}',
      `${m}.workingDayMetrics needs responseTargetWorkingDays (the target it measures against)`,
    ],
    [
      '{"musterstadt":{"calendar":{"state":"NW"},"responseTargetWorkingDays":10,"workingDayMetrics":1}}',
      `${m}.workingDayMetrics must be true or false, got 1`,
    ],
  ])('stops the start on %s, naming the setting and the problem', (json, problem) => {
    const problems = problemsOf(json);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('names every problem of every tenant at once', () => {
    expect(
      problemsOf('{"a":{"dormancyDays":0,"timeZone":"Nowhere"},"b":{"x":1,"weights":{"trust":{"perceived":-1}}}}'),
    ).toEqual([
      'METRICS_SETTINGS.a.dormancyDays must be a number above 0, got 0',
      'METRICS_SETTINGS.a.timeZone must be an IANA time zone such as Europe/Berlin, got "Nowhere"',
      'METRICS_SETTINGS: tenant "b": unknown setting x',
      'METRICS_SETTINGS.b.weights.trust.perceived must be a number >= 0, got -1',
    ]);
  });
});
