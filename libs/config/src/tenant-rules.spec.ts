import { DEFAULT_TENANT_RULES } from '@koproduktiv/domain';
import { ConfigError } from './config-error';
import { tenantRulesFromEnv } from './tenant-rules';

describe('GRANT_SETTINGS (tenantRulesFromEnv)', () => {
  it('gives every tenant the default threshold of 5 000 € unless it has its own', () => {
    expect(tenantRulesFromEnv(undefined)('musterstadt')).toEqual({ fourEyesThresholdCents: 500_000 });
    expect(tenantRulesFromEnv('  ')('musterstadt')).toBe(DEFAULT_TENANT_RULES);
    const rules = tenantRulesFromEnv('{"musterstadt":{"fourEyesThresholdCents":300000},"nachbarort":{}}');
    expect(rules('musterstadt')).toEqual({ fourEyesThresholdCents: 300_000 });
    expect(rules('nachbarort')).toEqual({ fourEyesThresholdCents: 500_000 });
    expect(rules('anderswo')).toEqual({ fourEyesThresholdCents: 500_000 });
  });

  it.each([
    ['not JSON', '{musterstadt', /not valid JSON/],
    ['not an object', '[1]', /must be a JSON object keyed by tenant id/],
    ['a tenant without an object', '{"musterstadt":5}', /tenant "musterstadt" must be an object/],
    ['an unknown setting', '{"musterstadt":{"fourEyes":1}}', /unknown setting fourEyes/],
    ['a threshold of 0', '{"musterstadt":{"fourEyesThresholdCents":0}}', /whole number of cents >= 1, got 0/],
    ['a fractional threshold', '{"musterstadt":{"fourEyesThresholdCents":10.5}}', /got 10.5/],
    ['a threshold as text', '{"musterstadt":{"fourEyesThresholdCents":"5000"}}', /got "5000"/],
  ])('stops the start on %s, naming the problem', (_what, json, message) => {
    expect(() => tenantRulesFromEnv(json)).toThrow(ConfigError);
    expect(() => tenantRulesFromEnv(json)).toThrow(message);
  });

  it('names every problem at once', () => {
    try {
      tenantRulesFromEnv('{"a":{"fourEyesThresholdCents":-1},"b":{"x":1}}');
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});
