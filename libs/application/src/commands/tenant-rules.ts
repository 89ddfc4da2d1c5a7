import { DEFAULT_TENANT_RULES, TenantRules } from '@koproduktiv/domain';
import { ConfigError } from '@koproduktiv/platform';

const KNOWN_KEYS = ['fourEyesThresholdCents'];
const EXAMPLE = '{"musterstadt":{"fourEyesThresholdCents":300000}}';

/**
 * The municipality's rules for the grant procedure: the four-eyes threshold (default 500 000 cents
 * = 5 000 €), overridden per tenant by GRANT_SETTINGS, a JSON object keyed by tenant id. Throws a
 * ConfigError naming every problem.
 */
export function tenantRulesFromEnv(json = process.env.GRANT_SETTINGS): (tenant: string) => TenantRules {
  const overrides = parse(json);
  const problems: string[] = [];
  const rules = new Map<string, TenantRules>();
  for (const [tenant, input] of Object.entries(overrides)) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      problems.push(`GRANT_SETTINGS: tenant "${tenant}" must be an object of settings (${KNOWN_KEYS.join(', ')})`);
      continue;
    }
    const unknown = Object.keys(input).filter((key) => !KNOWN_KEYS.includes(key));
    if (unknown.length) problems.push(`GRANT_SETTINGS: tenant "${tenant}": unknown setting ${unknown.join(', ')}`);
    const threshold =
      (input as Record<string, unknown>).fourEyesThresholdCents ?? DEFAULT_TENANT_RULES.fourEyesThresholdCents;
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

function parse(json: string | undefined): Record<string, unknown> {
  if (!json?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConfigError([`GRANT_SETTINGS is not valid JSON (${(error as Error).message}); expected e.g. ${EXAMPLE}`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`GRANT_SETTINGS must be a JSON object keyed by tenant id, e.g. ${EXAMPLE}`]);
  }
  return parsed as Record<string, unknown>;
}
