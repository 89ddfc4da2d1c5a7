import { randomUUID } from 'node:crypto';
import type { ApiHarness } from './api-harness';

export interface FundEventToStore {
  readonly type: string;
  readonly data: object;
  readonly occurredAt: string;
}

/**
 * Appends events to a fund's stream directly, as an older version of the service stored them or
 * faster than the commands would (many applications): each names the fund, at the stream's version.
 */
export async function appendToFundStream(
  api: ApiHarness,
  tenant: string,
  fundId: string,
  events: readonly FundEventToStore[],
): Promise<void> {
  const stream = `fund-${fundId}`;
  await api.store.append(
    tenant,
    stream,
    events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: 1,
      occurredAt: new Date(e.occurredAt),
      data: { fundId, ...e.data },
      metadata: {
        actor: { subject: 'clerk-1', role: 'clerk' },
        correlationId: randomUUID(),
        causationId: randomUUID(),
      },
    })),
    await api.store.streamVersion(tenant, stream),
  );
}
