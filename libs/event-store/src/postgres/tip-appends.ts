import { streamCategory } from '../port';
import type { Pool } from 'pg';
import type { SealedEvent, StreamTip } from '../hash-chain';

/** An append whose writer knows the stream's tip (version and hash) from the state it decided on. */
export interface TipAppend {
  readonly tenant: string;
  readonly streamId: string;
  readonly tip: StreamTip;
  readonly sealed: readonly SealedEvent[];
}

/** The events' positions; or the stream's version when it was not at the tip; or why it failed. */
export type TipAppendOutcome =
  { readonly positions: number[] } | { readonly actual: number } | { readonly error: unknown };

/** One append, one statement (kp_append_at). */
export async function appendOneAtTip(pool: Pool, append: TipAppend): Promise<TipAppendOutcome> {
  try {
    const { rows } = await pool.query<{ position: string }>(appendAtTipStatement(append));
    return { positions: rows.map((row) => Number(row.position)) };
  } catch (error) {
    if ((error as { code?: string }).code === 'KP409') return { actual: Number((error as { detail?: string }).detail) };
    return { error };
  }
}

/**
 * Several appends, one statement and one transaction (kp_append_batch), sent as one JSON parameter.
 * A stream that moved is answered with its version and the others are appended; any other failure
 * fails the statement (the caller then tries each alone).
 */
export async function appendManyAtTips(pool: Pool, appends: readonly TipAppend[]): Promise<TipAppendOutcome[]> {
  const { rows } = await pool.query<{ o_entry: number; o_position: string | null; o_version: string }>({
    name: 'kp_append_batch',
    text: 'SELECT o_entry, o_position, o_version FROM kp_append_batch($1::json)',
    values: [JSON.stringify(appends.map(batchEntry))],
  });
  const outcomes: TipAppendOutcome[] = appends.map(() => ({ positions: [] }));
  for (const row of rows) {
    if (row.o_position === null) outcomes[row.o_entry] = { actual: Number(row.o_version) };
    else (outcomes[row.o_entry] as { positions: number[] }).positions.push(Number(row.o_position));
  }
  outcomes.forEach((outcome, entry) => {
    if (!('positions' in outcome)) return;
    if (outcome.positions.length !== appends[entry].sealed.length) {
      throw new Error(
        `kp_append_batch answered ${outcome.positions.length} positions for ${appends[entry].sealed.length} events`,
      );
    }
    outcome.positions.sort((a, b) => a - b); // positions follow versions: each stream's events are inserted in version order
  });
  return outcomes;
}

function batchEntry({ tenant, streamId, tip, sealed }: TipAppend, entry: number) {
  const last = sealed[sealed.length - 1];
  return {
    entry,
    tenant,
    stream_id: streamId,
    category: streamCategory(streamId),
    version: tip.version,
    hash: tip.lastHash,
    last_version: last.version,
    last_hash: last.hash,
    events: sealed.map((event) => ({
      version: event.version,
      event_id: event.eventId,
      type: event.type,
      schema_version: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
      occurred_at: event.occurredAt.toISOString(),
      recorded_at: event.recordedAt.toISOString(),
      prev_hash: event.prevHash,
      hash: event.hash,
    })),
  };
}

const APPEND_AT_TIP = 'SELECT kp_append_at($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) AS position';
/**
 * Most commands append one event. Sent as scalars, its values skip the client's array literal
 * encoding, which escapes every quote of the JSON once more and cost a noticeable share of CPU.
 */
const APPEND_ONE_AT_TIP =
  'SELECT kp_append_at($1, $2, $3, $4, $5, ARRAY[$6::uuid], ARRAY[$7::text], ARRAY[$8::int], ARRAY[$9::jsonb], ' +
  'ARRAY[$10::jsonb], ARRAY[$11::timestamptz], $12, ARRAY[$13::text]) AS position';

function appendAtTipStatement({ tenant, streamId, tip, sealed }: TipAppend) {
  const head = [tenant, streamId, streamCategory(streamId), tip.version, tip.lastHash];
  if (sealed.length === 1) {
    const [event] = sealed;
    return {
      name: 'kp_append_one_at',
      text: APPEND_ONE_AT_TIP,
      values: [
        ...head,
        event.eventId,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        event.occurredAt.toISOString(),
        event.recordedAt,
        event.hash,
      ],
    };
  }
  const column = <T>(pick: (event: SealedEvent) => T) => sealed.map(pick);
  return {
    name: 'kp_append_at',
    text: APPEND_AT_TIP,
    values: [
      ...head,
      column((e) => e.eventId),
      column((e) => e.type),
      column((e) => e.schemaVersion),
      column((e) => JSON.stringify(e.data)),
      column((e) => JSON.stringify(e.metadata)),
      column((e) => e.occurredAt.toISOString()),
      sealed[0].recordedAt,
      column((e) => e.hash),
    ],
  };
}
