import type { Logger } from '../logging';

/** The exit code of a stop that did not finish within its time (README, "Stopping"). */
export const SHUTDOWN_TIMED_OUT_EXIT_CODE = 3;

/** One named part of a stop; `detail` says what it still waits for when the stop times out. */
export interface ShutdownStep {
  readonly name: string;
  readonly run: () => Promise<unknown>;
  readonly detail?: () => Promise<string | undefined>;
}

export interface ShutdownOptions {
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly exit?: (code: number) => void;
}

/**
 * Runs the steps of a stop one after the other (a failed step is logged, the next one runs), then
 * exits 0. When they have not finished within `timeoutMs`, one error line names the step still
 * running, what it waits for, and the steps not begun, and the process exits with
 * SHUTDOWN_TIMED_OUT_EXIT_CODE.
 */
export async function shutDown(
  steps: readonly ShutdownStep[],
  { logger, timeoutMs, exit = (code) => process.exit(code) }: ShutdownOptions,
): Promise<void> {
  let current = -1;
  const timedOut = async () => {
    const step = steps[current];
    const waitingFor = await step.detail?.().catch(() => undefined);
    const notBegun = steps.slice(current + 1).map(({ name }) => name);
    logger.error(
      { timeoutMs, step: step.name, waitingFor, notBegun },
      `shutdown timed out after ${timeoutMs} ms: ${step.name} had not finished${waitingFor ? ` (${waitingFor})` : ''}` +
        `${notBegun.length ? `; not begun: ${notBegun.join(', ')}` : ''}`,
    );
    exit(SHUTDOWN_TIMED_OUT_EXIT_CODE);
  };
  const timer = setTimeout(() => void timedOut(), timeoutMs).unref();
  for (current = 0; current < steps.length; current++) {
    const { name, run } = steps[current];
    await run().catch((error: unknown) => logger.error({ err: error, step: name }, `${name} failed`));
  }
  clearTimeout(timer);
  logger.info('stopped');
  exit(0);
}
