import { DEFAULT_TENANT_RULES, TenantRules } from '@koproduktiv/domain';
import { ConfigError } from './config-error';
import { settingsObject, tenantEntries } from './tenant-json';

const KNOWN_KEYS = ['fourEyesThresholdCents'];

/**
 * The municipality's rules for the grant procedure: the four-eyes threshold (default 500 000 cents
 * = 5 000 €), overridden per tenant by GRANT_SETTINGS, a JSON object keyed by tenant id. Throws a
 * ConfigError naming every problem.
 */
export function tenantRulesFromEnv(json: string | undefined): (tenant: string) => TenantRules {
  const problems: string[] = [];
  const rules = new Map<string, TenantRules>();
  for (const [tenant, input] of tenantEntries(
    'GRANT_SETTINGS',
    json,
    '{"musterstadt":{"fourEyesThresholdCents":300000}}',
  )) {
    const { settings, problem } = settingsObject('GRANT_SETTINGS', tenant, input, KNOWN_KEYS);
    if (!settings) {
      problems.push(problem);
      continue;
    }
    const threshold = settings.fourEyesThresholdCents ?? DEFAULT_TENANT_RULES.fourEyesThresholdCents;
    if (!(typeof threshold === 'number' && Number.isSafeInteger(threshold) && threshold >= 1)) {
      problems.push(
        `GRANT_SETTINGS: tenant "${tenant}": fourEyesThresholdCents must be a whole number of cents >= 1, got ${JSON.stringify(threshold)}`,
      );
      continue;
    }
    rules.set(tenant, Object.freeze({ fourEyesThresholdCents: threshold }));
  }
  if (problems.length) throw new ConfigError(problems);
  return (tenant) => rules.get(tenant) ?? DEFAULT_TENANT_RULES;
}
