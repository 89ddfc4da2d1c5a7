// First: stop signals are taken before the rest loads.
import { whenStopSignalled } from '@koproduktiv/platform/stop-signals';
import 'reflect-metadata';
import { exitOnStartupError, preflight } from '@koproduktiv/config';
import { createLogger, createMetricsRegistry, shutDown } from '@koproduktiv/platform';
import { createProjector } from '@koproduktiv/projector';
import { createRuntime } from '@koproduktiv/runtime';
import { projectorConfigOrExit } from './config';
import { startOperationsServer } from './operations-server';

/**
 * The projector on its own (production): read models and further processors, each active in one
 * instance at a time (advisory locks), so running two for availability is safe.
 */
async function main(): Promise<void> {
  const { app: config, projector: options } = projectorConfigOrExit();
  await preflight(config, { port: config.PROJECTOR_PORT });
  const logger = createLogger(config.LOG_LEVEL, 'koproduktiv-projector');
  const runtime = await createRuntime(config.runtime, logger, {
    whenEmbeddedInUse: 'attach',
    needsKeyEncryptionKey: false,
  });
  const projector = createProjector(runtime, logger, options);
  await projector.start();
  const registry = createMetricsRegistry(() => projector.host.statuses());
  projector.registerMetrics(registry);
  const port = config.PROJECTOR_PORT;
  const server = await startOperationsServer(port, config.HOST, registry, async () => {
    await runtime.ready();
    return { processors: projector.host.statuses() };
  });
  logger.info({ port }, 'projector running; /metrics and /health on this port');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await shutDown([{ name: 'projector stop', run: () => projector.stop() }, ...runtime.closeSteps], {
      logger,
      timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    });
  };
  whenStopSignalled((signal) => void shutdown(signal));
}

main().catch(exitOnStartupError('Koproduktiv projector'));
