/** Tampering with the event store directly in PostgreSQL, as an attacker with database access would. */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { EventStore, eventHash, RecordedEvent } from '@koproduktiv/event-store';
import { events } from '@koproduktiv/event-store/testing';

export type TamperKind =
  | 'changed data'
  | 'changed metadata'
  | 'deleted event'
  | 'deleted last event'
  | 'swapped events'
  | 'inserted event'
  | 'inserted last event';

export interface Tampered {
  readonly kind: TamperKind;
  readonly streamId: string;
  /** What verification must report: the first broken event. */
  readonly expected: { version: number; eventId: string | null; reason: string };
}

/** Creates `case-<uuid>` streams of 4 events each in `tenant` and damages one per kind. */
export async function tamperEach(
  store: EventStore,
  pool: Pool,
  tenant: string,
  kinds: readonly TamperKind[],
): Promise<Tampered[]> {
  const tampered: Tampered[] = [];
  for (const kind of kinds) {
    const streamId = `case-${randomUUID()}`;
    await store.append(tenant, streamId, events(4), 'no_stream');
    const original = await store.readStream(tenant, streamId);
    tampered.push({ kind, streamId, expected: await tamper(pool, kind, original) });
  }
  return tampered;
}

async function tamper(pool: Pool, kind: TamperKind, stream: readonly RecordedEvent[]): Promise<Tampered['expected']> {
  const [{ tenant, streamId }] = stream;
  const where = `tenant = '${tenant}' AND stream_id = '${streamId}'`;
  const byVersion = (version: number) => stream[version - 1];
  switch (kind) {
    case 'changed data':
      await pool.query(
        `UPDATE kp_events SET data = jsonb_set(data, '{summary}', '"Treffen abgesagt"') WHERE ${where} AND version = 2`,
      );
      return { version: 2, eventId: byVersion(2).eventId, reason: 'hash_mismatch' };
    case 'changed metadata':
      await pool.query(
        `UPDATE kp_events SET metadata = jsonb_set(metadata, '{actor,subject}', '"mallory"') WHERE ${where} AND version = 3`,
      );
      return { version: 3, eventId: byVersion(3).eventId, reason: 'hash_mismatch' };
    case 'deleted event':
      await pool.query(`DELETE FROM kp_events WHERE ${where} AND version = 2`);
      return { version: 3, eventId: byVersion(3).eventId, reason: 'version_gap' };
    case 'deleted last event':
      await pool.query(`DELETE FROM kp_events WHERE ${where} AND version = 4`);
      return { version: 4, eventId: null, reason: 'missing_tail' };
    case 'swapped events':
      // The unique (tenant, stream, version) is checked row by row, so swap through a free version.
      await pool.query(`UPDATE kp_events SET version = -2 WHERE ${where} AND version = 2`);
      await pool.query(`UPDATE kp_events SET version = 2 WHERE ${where} AND version = 3`);
      await pool.query(`UPDATE kp_events SET version = 3 WHERE ${where} AND version = -2`);
      return { version: 2, eventId: byVersion(3).eventId, reason: 'prev_hash_mismatch' };
    case 'inserted event': {
      await pool.query(`UPDATE kp_events SET version = -version WHERE ${where} AND version >= 3`);
      await pool.query(`UPDATE kp_events SET version = -version + 1 WHERE ${where} AND version < 0`);
      const forged = {
        ...byVersion(2),
        eventId: randomUUID(),
        version: 3,
        prevHash: byVersion(2).hash,
        data: { summary: 'nachträglich eingefügt' },
      };
      await insertRow(pool, { ...forged, hash: 'f'.repeat(64) });
      return { version: 3, eventId: forged.eventId, reason: 'hash_mismatch' };
    }
    case 'inserted last event': {
      // A well-forged event: a valid hash chained onto the last one; only the stream table disagrees.
      const last = byVersion(4);
      const fields = {
        ...last,
        eventId: randomUUID(),
        version: 5,
        prevHash: last.hash,
        data: { summary: 'angehängt' },
      };
      await insertRow(pool, { ...fields, hash: eventHash(fields) });
      return { version: 5, eventId: fields.eventId, reason: 'unexpected_tail' };
    }
  }
}

async function insertRow(pool: Pool, event: Omit<RecordedEvent, 'position'>): Promise<void> {
  await pool.query(
    `INSERT INTO kp_events (tenant, stream_id, version, event_id, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      event.tenant,
      event.streamId,
      event.version,
      event.eventId,
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      event.occurredAt,
      event.recordedAt,
      event.prevHash,
      event.hash,
    ],
  );
}

export const ALL_TAMPER_KINDS: readonly TamperKind[] = [
  'changed data',
  'changed metadata',
  'deleted event',
  'deleted last event',
  'swapped events',
  'inserted event',
  'inserted last event',
];
