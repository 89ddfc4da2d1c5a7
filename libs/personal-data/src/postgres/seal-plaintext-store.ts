import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@koproduktiv/platform';
import { DomainEvent, personalDataOf } from '@koproduktiv/domain';
import { eventHash, PostgresEventStore, RecordedEvent } from '@koproduktiv/event-store';
import type { EventCodec } from '../codec/event-codec';
import { isSealedField } from '../codec/sealed-field';

export interface SealReport {
  readonly streams: number;
  readonly eventsSealed: number;
  /** Streams whose chain was re-sealed, with their heads before and after. */
  readonly resealed: readonly {
    tenant: string;
    streamId: string;
    oldHead: string | null;
    newHead: string | null;
    eventsSealed: number;
  }[];
}

const REASON = 'store encrypt-personal-data: personal data written in plain text by a version before sealing existed';

/**
 * The one-off migration of a store written before personal data was sealed: every plain-text
 * personal field is sealed under its subject's key, the stream's chain is re-hashed from the first
 * changed event (the hashes cover the stored form), and each re-sealed stream is recorded in
 * kp_reseals with its old and new head. One transaction per stream; a run that stops half-way is
 * resumed by running it again. Marks the store sealed at the end.
 */
export async function sealPlaintextStore(
  pool: Pool,
  codec: EventCodec,
  onStream: (done: number, total: number) => void = () => undefined,
): Promise<SealReport> {
  const store = new PostgresEventStore(pool);
  const { rows: streams } = await pool.query<{ tenant: string; stream_id: string }>(
    'SELECT tenant, stream_id FROM kp_streams ORDER BY tenant, stream_id',
  );
  const resealed: SealReport['resealed'][number][] = [];
  let eventsSealed = 0;
  for (const [index, { tenant, stream_id: streamId }] of streams.entries()) {
    const events = await store.readStream(tenant, streamId);
    const sealed = await sealStream(codec, tenant, events);
    if (sealed.changed > 0) {
      await withTransaction(pool, (client) => rewrite(client, tenant, streamId, events, sealed.events, sealed.changed));
      resealed.push({
        tenant,
        streamId,
        oldHead: events.at(-1)?.hash ?? null,
        newHead: sealed.events.at(-1)?.hash ?? null,
        eventsSealed: sealed.changed,
      });
      eventsSealed += sealed.changed;
    }
    onStream(index + 1, streams.length);
  }
  await pool.query(`INSERT INTO kp_store_format (personal_data) VALUES ('sealed') ON CONFLICT DO NOTHING`);
  return { streams: streams.length, eventsSealed, resealed };
}

async function sealStream(codec: EventCodec, tenant: string, events: readonly RecordedEvent[]) {
  let changed = 0;
  let prevHash: string | null = null;
  const out: RecordedEvent[] = [];
  for (const event of events) {
    const spec = personalDataOf(event.type);
    const plain = spec?.fields.some((field) => event.data[field] !== undefined && !isSealedField(event.data[field]));
    let data = event.data;
    if (plain) {
      [data] = await codec.encode(tenant, [{ type: event.type, data: event.data } as DomainEvent], new Date());
      changed += 1;
    }
    const next: RecordedEvent = { ...event, data, prevHash };
    const hash: string = changed > 0 ? eventHash(next) : event.hash;
    out.push({ ...next, hash });
    prevHash = hash;
  }
  return { events: out, changed };
}

async function rewrite(
  client: PoolClient,
  tenant: string,
  streamId: string,
  before: readonly RecordedEvent[],
  after: readonly RecordedEvent[],
  eventsSealed: number,
) {
  await client.query('SELECT 1 FROM kp_streams WHERE tenant = $1 AND stream_id = $2 FOR UPDATE', [tenant, streamId]);
  for (const [i, event] of after.entries()) {
    if (event.hash === before[i].hash) continue;
    await client.query('UPDATE kp_events SET data = $2, prev_hash = $3, hash = $4 WHERE position = $1', [
      event.position,
      JSON.stringify(event.data),
      event.prevHash,
      event.hash,
    ]);
  }
  const newHead = after.at(-1)?.hash ?? null;
  await client.query('UPDATE kp_streams SET last_hash = $3 WHERE tenant = $1 AND stream_id = $2', [
    tenant,
    streamId,
    newHead,
  ]);
  await client.query(
    'INSERT INTO kp_reseals (tenant, stream_id, old_head_hash, new_head_hash, events_sealed, reason) VALUES ($1, $2, $3, $4, $5, $6)',
    [tenant, streamId, before.at(-1)?.hash ?? null, newHead, eventsSealed, REASON],
  );
}
