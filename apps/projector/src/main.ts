import 'reflect-metadata';
import {
  createLogger,
  createMetricsRegistry,
  exitOnStartupError,
  loadConfigOrExit,
  preflight,
} from '@koproduktiv/platform';
import { checkProjectorConfig, createProjector } from '@koproduktiv/projector';
import { createRuntime } from '@koproduktiv/runtime';
import { startOperationsServer } from './operations-server';

/**
 * The projector on its own (production): read models and further processors, each active in one
 * instance at a time (advisory locks), so running two for availability is safe.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  checkProjectorConfig();
  await preflight(config, { port: config.PROJECTOR_PORT });
  const logger = createLogger(config.LOG_LEVEL, 'koproduktiv-projector');
  const runtime = await createRuntime(config, logger, { whenEmbeddedInUse: 'attach', needsKeyEncryptionKey: false });
  const projector = createProjector(runtime, logger);
  await projector.start();
  const registry = createMetricsRegistry(() => projector.host.statuses());
  projector.registerMetrics(registry);
  const port = config.PROJECTOR_PORT;
  const server = await startOperationsServer(port, config.HOST, registry, async () => {
    await runtime.ready();
    return { processors: projector.host.statuses() };
  });
  logger.info({ port }, 'projector running; /metrics and /health on this port');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    await projector.stop().catch((error) => logger.error({ err: error }, 'stopping processors failed'));
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch(exitOnStartupError('Koproduktiv projector'));
