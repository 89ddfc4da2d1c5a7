/**
 * Worker thread: an optional warm-up, then the measured autocannon run; posts an HttpLoadResult.
 * In a worker thread autocannon hands back its raw result, so the per-second samples are counted
 * here and the rest comes from autocannon.aggregateResult.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { recordInteractionBody } from '../../test/fixtures/bodies';
import { median } from './median';
import { HttpLoadJob, HttpLoadResult, MEASURING } from './http-load';

const job = workerData as HttpLoadJob;
let firstFailure: { status: number; body: string } | undefined;

const isSuccess = (status: number) => status >= 200 && status <= 299;

/** Requests that record interactions on random cases of `caseIds`, each a new interaction. */
function recordInteractions(caseIds: readonly string[]): autocannon.Request {
  return {
    method: 'POST',
    path: '/v1/commands/RecordInteraction',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
    // Called before every request, so each body is new.
    setupRequest: (request) => {
      const caseId = caseIds[Math.floor(Math.random() * caseIds.length)];
      return { ...request, body: JSON.stringify(recordInteractionBody(caseId, randomUUID())) };
    },
    onResponse: (status, body) => {
      if (!isSuccess(status) && !firstFailure) firstFailure = { status, body };
    },
  };
}

/**
 * Connection k works on the cases whose index is k modulo the number of connections, as a clerk
 * works on their own cases: two commands never race for one stream (pgbench partitions alike).
 */
function ownCases(): (client: autocannon.Client) => void {
  let next = 0;
  return (client) => {
    const k = next++ % job.connections;
    client.setRequests([recordInteractions(job.caseIds.filter((_, index) => index % job.connections === k))]);
  };
}

/** One autocannon run; `perSecond` holds the 2xx count of every full second. */
async function load(durationSeconds: number): Promise<{ result: autocannon.Result; perSecond: number[] }> {
  const options = { url: job.baseUrl, connections: job.connections };
  const instance = autocannon({
    ...options,
    duration: durationSeconds,
    timeout: 30,
    requests: [recordInteractions(job.caseIds)],
    setupClient: ownCases(),
  });
  const perSecond: number[] = [];
  let succeeded = 0;
  instance.on('response', (_client, status) => {
    if (isSuccess(status)) succeeded++;
  });
  const sampler = setInterval(() => {
    perSecond.push(succeeded);
    succeeded = 0;
  }, 1000);
  try {
    const raw = await instance;
    return { result: autocannon.aggregateResult([raw], options), perSecond };
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<HttpLoadResult> {
  const warmup = job.warmupSeconds > 0 ? await load(job.warmupSeconds) : undefined;
  parentPort?.postMessage(MEASURING);
  const { result, perSecond } = await load(job.durationSeconds);
  return {
    connections: job.connections,
    durationSeconds: result.duration,
    requestsPerSecondMedian: median(perSecond),
    requestsPerSecondMean: result['2xx'] / result.duration,
    completed: result['2xx'] + result.non2xx,
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
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]),
    ),
    firstFailure,
    warmupNon2xx: warmup?.result.non2xx ?? 0,
  };
}

// A rejection is unhandled here, which ends the worker with an 'error' event for the caller.
void main().then((result) => parentPort?.postMessage(result));
