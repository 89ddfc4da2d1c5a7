// First: stop signals are taken before the rest loads.
import { whenStopSignalled } from '@koproduktiv/platform/stop-signals';
import 'reflect-metadata';
import type { Server } from 'node:http';
import { exitOnStartupError, preflight } from '@koproduktiv/config';
import { createLogger, issueDevToken, shutDown } from '@koproduktiv/platform';
import { KeyEncryptionKeyError, PlaintextStoreError } from '@koproduktiv/personal-data';
import { createProjector } from '@koproduktiv/projector';
import { createRuntime } from '@koproduktiv/runtime';
import { apiConfigOrExit } from './config';
import { createApp } from './create-app';
import { banner } from './banner';
import { builtConsole, consoleSignIn, devSignInAllowed } from './console/console-options';

async function main(): Promise<void> {
  // Every configuration problem is found before anything (the embedded PostgreSQL) is started.
  const { app: config, tenants, projector: projectorSettings } = apiConfigOrExit();
  await preflight(config);
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await createRuntime(config.runtime, logger);
  const projector = projectorSettings
    ? createProjector(runtime, logger, { ...tenants, ...projectorSettings })
    : undefined;
  await projector?.start();
  const consoleOptions = builtConsole(consoleSignIn(config));
  const devSecret = devSignInAllowed(config) ? runtime.devSecret : undefined;
  const app = await createApp(
    {
      ...runtime,
      processors: () => projector?.host.statuses() ?? [],
      onAppended: () => projector?.host.poke(),
      registerMetrics: (registry) => projector?.registerMetrics(registry),
      caseHistoryCacheBytes: config.CASE_HISTORY_CACHE_MB * 1024 * 1024,
      tenantRules: tenants.tenantRules,
      metricsSettings: tenants.metricsSettings,
      console: consoleOptions,
      devTokens: devSecret ? (options) => issueDevToken(devSecret, options) : undefined,
    },
    { logger, bodyLimitBytes: config.BODY_LIMIT_BYTES, http: config },
  );
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = `http://${['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.HOST) ? 'localhost' : config.HOST}:${port}`;
  logger.info(
    { url: base, embeddedPostgres: runtime.embedded, dataDir: config.dataDir, node: process.version },
    'Koproduktiv API listening',
  );
  process.stdout.write(
    banner({
      base,
      config,
      databaseUrl: runtime.embedded ? runtime.databaseUrl : undefined,
      console: consoleOptions?.signIn,
    }),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await shutDown(
      [
        { name: 'HTTP server close', run: () => app.close(), detail: () => openConnections(app.getHttpServer()) },
        ...(projector ? [{ name: 'projector stop', run: () => projector.stop() }] : []),
        ...runtime.closeSteps,
      ],
      { logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
    );
  };
  whenStopSignalled((signal) => void shutdown(signal));
}

/** What closing the HTTP server waits for: its connections with a request in flight. */
function openConnections(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.getConnections((error, count) =>
      resolve(error ? 'open connections unknown' : `${count} HTTP connection${count === 1 ? '' : 's'} open`),
    ),
  );
}

main().catch((error) => {
  if (error instanceof KeyEncryptionKeyError || error instanceof PlaintextStoreError) {
    process.stderr.write(`Koproduktiv did not start: ${error.message}\n`);
    process.exit(2);
  }
  exitOnStartupError('Koproduktiv')(error);
});
