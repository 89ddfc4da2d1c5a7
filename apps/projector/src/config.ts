import {
  AppConfig,
  configOrExit,
  Environment,
  loadConfig,
  projectorOptionsFrom,
  readSections,
} from '@koproduktiv/config';
import type { ProjectorOptions } from '@koproduktiv/projector';

/** Everything the projector process takes from its environment. */
export interface ProjectorConfig {
  readonly app: AppConfig;
  readonly projector: ProjectorOptions;
}

/**
 * The projector's configuration. This is the one module of apps/projector that reads the
 * environment: every variable is validated here, before anything (PostgreSQL, Kafka) starts, and a
 * ConfigError names each problem at once.
 */
export function loadProjectorConfig(env: Environment): ProjectorConfig {
  return readSections<ProjectorConfig>({
    app: () => loadConfig(env),
    projector: () => projectorOptionsFrom(env),
  });
}

/** For main.ts: this process's configuration, or its problems on stderr and exit code 2. */
export const projectorConfigOrExit = (): ProjectorConfig => configOrExit(() => loadProjectorConfig(process.env));
