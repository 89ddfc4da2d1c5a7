import {
  AppConfig,
  Environment,
  loadConfig,
  readSections,
  TenantSettings,
  tenantSettingsFrom,
} from '@koproduktiv/config';

/** Everything the CLI takes from its environment. */
export interface CliConfig {
  readonly app: AppConfig;
  readonly tenants: TenantSettings;
  /** LOG_LEVEL where it is set; otherwise the CLI logs warnings only (its output is for people). */
  readonly logLevel: string;
}

let loaded: CliConfig | undefined;

/**
 * The CLI's configuration. This is the one module of apps/cli that reads the environment: main.ts
 * reads it once, before a command starts anything (the embedded PostgreSQL); a ConfigError names
 * each problem at once.
 */
export function loadCliConfig(env: Environment): CliConfig {
  loaded = readSections<CliConfig>({
    app: () => loadConfig(env),
    tenants: () => tenantSettingsFrom(env),
    logLevel: ({ app }) => (env.LOG_LEVEL === undefined ? 'warn' : (app?.LOG_LEVEL ?? 'warn')),
  });
  return loaded;
}

/** For a command: the configuration main.ts read. */
export function cliConfig(): CliConfig {
  if (!loaded) throw new Error('The CLI reads its configuration in main.ts, before a command runs');
  return loaded;
}

/** For main.ts. */
export const readCliConfig = (): CliConfig => loadCliConfig(process.env);
