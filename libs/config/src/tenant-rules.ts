import { IsInt, IsOptional, Max, Min, ValidationArguments } from 'class-validator';
import { DEFAULT_TENANT_RULES, TenantRules } from '@koproduktiv/domain';
import { perTenant } from './tenant-json';

const cents = ({ value }: ValidationArguments) => `must be a whole number of cents >= 1, got ${JSON.stringify(value)}`;

/** One municipality's entry in GRANT_SETTINGS. */
class GrantSettings {
  @IsOptional()
  @IsInt({ message: cents })
  @Min(1, { message: cents })
  @Max(Number.MAX_SAFE_INTEGER, { message: cents })
  fourEyesThresholdCents?: number;
}

/**
 * The municipality's rules for the grant procedure: the four-eyes threshold (default 500 000 cents
 * = 5 000 €), overridden per tenant by GRANT_SETTINGS, a JSON object keyed by tenant id. Throws a
 * ConfigError naming every problem.
 */
export function tenantRulesFromEnv(json: string | undefined): (tenant: string) => TenantRules {
  const settings = perTenant(
    'GRANT_SETTINGS',
    json,
    '{"musterstadt":{"fourEyesThresholdCents":300000}}',
    GrantSettings,
  );
  const rules = new Map<string, TenantRules>(
    [...settings].map(([tenant, own]) => [
      tenant,
      Object.freeze({
        fourEyesThresholdCents: own.fourEyesThresholdCents ?? DEFAULT_TENANT_RULES.fourEyesThresholdCents,
      }),
    ]),
  );
  return (tenant) => rules.get(tenant) ?? DEFAULT_TENANT_RULES;
}
