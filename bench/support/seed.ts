/** Creates the cases the timed runs write to: over HTTP for the API, directly in the store for pgbench. */
import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSION } from '@koproduktiv/domain';
import type { EventStore } from '@koproduktiv/event-store';
import { eventMetadata, requestSubmittedData, submitRequestBody, TENANT } from '../../test/fixtures/bodies';

const SEED_CONCURRENCY = 16;

/** `n` new cases via `POST /v1/commands/SubmitRequest`; returns their case ids. */
export async function submitCases(baseUrl: string, token: string, n: number): Promise<string[]> {
  const caseIds = Array.from({ length: n }, () => randomUUID());
  await inParallel(caseIds, SEED_CONCURRENCY, async (caseId) => {
    const response = await fetch(`${baseUrl}/v1/commands/SubmitRequest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(submitRequestBody(caseId)),
    });
    if (response.status !== 200) throw new Error(`SubmitRequest answered ${response.status}: ${await response.text()}`);
  });
  return caseIds;
}

/**
 * pgbench picks a case by number, so its streams have predictable ids: `case-<uuid>` like the API's,
 * the uuid being `prefix` and the number. Each stream starts like a submitted case.
 */
export function benchCaseId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}`;
}

/** A uuid prefix (all but the last 12 hex digits) of its own for every pgbench run. */
export function benchCasePrefix(run: number): string {
  return `b${String(run).padStart(7, '0')}-0000-4000-8000-`;
}

export async function createBenchStreams(store: EventStore, prefix: string, n: number): Promise<void> {
  const numbers = Array.from({ length: n }, (_, index) => index + 1);
  await inParallel(numbers, SEED_CONCURRENCY, async (number) => {
    const caseId = benchCaseId(prefix, number);
    await store.append(
      TENANT,
      `case-${caseId}`,
      [
        {
          eventId: randomUUID(),
          type: 'RequestSubmitted',
          schemaVersion: EVENT_SCHEMA_VERSION,
          data: requestSubmittedData(caseId),
          metadata: eventMetadata(),
          occurredAt: new Date(),
        },
      ],
      'no_stream',
    );
  });
}

async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
