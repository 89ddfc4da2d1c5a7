import {
  AppConfig,
  configOrExit,
  Environment,
  loadConfig,
  ProjectorSettings,
  projectorSettingsFrom,
  readSections,
  TenantSettings,
  tenantSettingsFrom,
} from '@koproduktiv/config';

/** Everything the API process takes from its environment. */
export interface ApiConfig {
  readonly app: AppConfig;
  readonly tenants: TenantSettings;
  /** The in-process projector's own settings; absent with RUN_PROJECTOR=false. */
  readonly projector: ProjectorSettings | undefined;
}

/**
 * The API's configuration. This is the one module of apps/api that reads the environment: every
 * variable is validated here, before anything (the embedded PostgreSQL, Kafka) starts, and a
 * ConfigError names each problem at once.
 */
export function loadApiConfig(env: Environment): ApiConfig {
  return readSections<ApiConfig>({
    app: () => loadConfig(env),
    tenants: () => tenantSettingsFrom(env),
    projector: ({ app }) => (app?.RUN_PROJECTOR === false ? undefined : projectorSettingsFrom(env)),
  });
}

/** For main.ts: this process's configuration, or its problems on stderr and exit code 2. */
export const apiConfigOrExit = (): ApiConfig => configOrExit(() => loadApiConfig(process.env));
