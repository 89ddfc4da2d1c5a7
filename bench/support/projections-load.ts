/**
 * GET load on the query API with autocannon, in a worker thread of this process (so the load generator
 * does not share the app's event loop; it still shares the CPUs). Each request picks one of `paths` at
 * random, e.g. a random case's metrics.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface ReadLoadJob {
  readonly baseUrl: string;
  readonly token: string;
  readonly paths: readonly string[];
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
}

export interface ReadLoadResult {
  readonly requestsPerSecond: number;
  readonly completed: number;
  readonly durationSeconds: number;
  readonly latencyMs: { readonly p50: number; readonly p97_5: number; readonly p99: number; readonly mean: number; readonly max: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly firstFailure?: { readonly status: number; readonly body: string };
}

export function runReadLoad(job: ReadLoadJob): Promise<ReadLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'projections-load.worker.js'), { workerData: job });
    let settled = false;
    worker.once('message', (result: ReadLoadResult) => {
      settled = true;
      resolve(result);
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
