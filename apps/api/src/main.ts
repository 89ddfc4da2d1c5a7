import 'reflect-metadata';
import { createLogger, loadConfigOrExit } from '@koproduktiv/platform';
import { KeyEncryptionKeyError, PlaintextStoreError, RetentionSettingsError } from '@koproduktiv/personal-data';
import { createApp } from './create-app';
import { createProjector, createRuntime } from '@koproduktiv/runtime';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await createRuntime(config, logger);
  const projector = config.RUN_PROJECTOR ? createProjector(runtime, logger) : undefined;
  await projector?.start();
  const app = await createApp(
    {
      ...runtime,
      processors: () => projector?.host.statuses() ?? [],
      onAppended: () => projector?.host.poke(),
      registerMetrics: (registry) => projector?.registerMetrics(registry),
      caseHistoryCacheBytes: config.CASE_HISTORY_CACHE_MB * 1024 * 1024,
    },
    { logger, bodyLimitBytes: config.BODY_LIMIT_BYTES, http: config },
  );
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = `http://localhost:${port}`;
  logger.info({ url: base, embeddedPostgres: runtime.embedded, dataDir: config.dataDir }, 'Koproduktiv API listening');
  process.stdout.write(
    [
      '',
      `  Koproduktiv API   ${base}/v1`,
      `  API docs          ${base}/docs   (OpenAPI JSON: ${base}/docs-json)`,
      runtime.embedded
        ? `  Get a token       npm run token -- --tenant musterstadt --roles clerk${config.DATA_DIR !== './.data' ? `   (with DATA_DIR=${config.DATA_DIR})` : ''}`
        : '  Tokens            from your identity provider (JWT_JWKS_URL)',
      '',
    ].join('\n') + '\n',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => process.exit(1), 15_000).unref();
    await app.close().catch((error) => logger.error({ err: error }, 'closing HTTP failed'));
    await projector?.stop().catch((error) => logger.error({ err: error }, 'stopping the projector failed'));
    await runtime.close().catch((error) => logger.error({ err: error }, 'closing the database failed'));
    clearTimeout(forced);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof KeyEncryptionKeyError || error instanceof PlaintextStoreError || error instanceof RetentionSettingsError) {
    process.stderr.write(`Koproduktiv did not start: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Koproduktiv failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
