/** Worker thread: an optional warm-up, then the measured autocannon run of GETs; posts a ReadLoadResult. */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { ReadLoadJob, ReadLoadResult } from './projections-load';

const job = workerData as ReadLoadJob;
let firstFailure: { status: number; body: string } | undefined;

async function load(durationSeconds: number): Promise<autocannon.Result> {
  const options = { url: job.baseUrl, connections: job.connections };
  const raw = await autocannon({
    ...options,
    duration: durationSeconds,
    timeout: 60,
    requests: [
      {
        method: 'GET',
        path: job.paths[0],
        headers: { authorization: `Bearer ${job.token}`, accept: 'application/json' },
        setupRequest: (request) => ({ ...request, path: job.paths[Math.floor(Math.random() * job.paths.length)] }),
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && !firstFailure) firstFailure = { status, body };
        },
      },
    ],
  });
  return autocannon.aggregateResult([raw], options);
}

async function main(): Promise<ReadLoadResult> {
  if (job.warmupSeconds > 0) await load(job.warmupSeconds);
  const result = await load(job.durationSeconds);
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    completed: result['2xx'] + result.non2xx,
    durationSeconds: result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      mean: result.latency.average,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    firstFailure,
  };
}

void main().then((result) => parentPort?.postMessage(result));
