/**
 * Drives `RecordInteraction` commands at the API with autocannon. The load generator runs in a worker
 * thread of this process, so it does not share the app's event loop (it still shares the CPUs).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface HttpLoadOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** The cases the commands are spread over. */
  readonly caseIds: readonly string[];
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
}

export interface HttpLoadResult {
  readonly connections: number;
  readonly durationSeconds: number;
  /** Median of the per-second counts of 2xx responses. */
  readonly requestsPerSecondMedian: number;
  /** All 2xx responses divided by the duration. */
  readonly requestsPerSecondMean: number;
  readonly completed: number;
  readonly latencyMs: {
    readonly p50: number;
    readonly p97_5: number;
    readonly p99: number;
    readonly mean: number;
    readonly max: number;
  };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Record<string, number>;
  /** Status and body of the first non-2xx response, warm-up included. */
  readonly firstFailure?: { readonly status: number; readonly body: string };
  readonly warmupNon2xx: number;
}

export type HttpLoadJob = HttpLoadOptions;

/** The worker's message when the warm-up is over and the measured run begins. */
export const MEASURING = 'measuring';

/** `onMeasuring` runs when the measured part starts (after the warm-up). */
export function runHttpLoad(
  options: HttpLoadOptions,
  onMeasuring: () => void = () => undefined,
): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'http-load.worker.js'), { workerData: options satisfies HttpLoadJob });
    let settled = false;
    worker.on('message', (message: HttpLoadResult | typeof MEASURING) => {
      if (message === MEASURING) return onMeasuring();
      settled = true;
      resolve(message);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code} before reporting`));
    });
  });
}
