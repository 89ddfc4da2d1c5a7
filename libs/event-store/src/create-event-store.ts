import type { Pool } from 'pg';
import type { EventStore } from './port';
import type { ForeignEvent } from './kurrentdb/kurrentdb-event-store';
import { PostgresEventStore } from './postgres';

export type { ForeignEvent };

export type EventStoreKind = 'postgres' | 'kurrentdb';

/** Which adapter holds the events, and where KurrentDB is when it is chosen. */
export interface EventStoreSelection {
  readonly kind: EventStoreKind;
  readonly kurrentDbUrl?: string;
}

export interface CreateEventStoreOptions {
  /** Stream categories the global order carries (KurrentDB filters `$all` on them server-side). */
  readonly categories?: readonly string[];
  /**
   * KurrentDB only: told (once per event and process) about an event in one of our streams that
   * Koproduktiv did not write, which every read leaves out. PostgreSQL has no such events: only
   * the service writes its tables.
   */
  readonly onForeignEvent?: (event: ForeignEvent) => void;
}

/**
 * The one place that chooses the event store adapter. Read models, checkpoints and idempotency keys
 * stay in PostgreSQL (`pool`) either way. The KurrentDB client, with its native gRPC bridge, is
 * loaded only when selected. `pool` may be a function that opens it, called only when the events
 * live in PostgreSQL (the audit CLI needs no PostgreSQL beside KurrentDB).
 */
export async function createEventStore(
  selection: EventStoreSelection,
  pool: Pool | (() => Promise<Pool>),
  options: CreateEventStoreOptions = {},
): Promise<EventStore> {
  switch (selection.kind) {
    case 'postgres':
      return new PostgresEventStore(typeof pool === 'function' ? await pool() : pool);
    case 'kurrentdb': {
      if (!selection.kurrentDbUrl) throw new Error('the kurrentdb event store needs KURRENTDB_URL');
      // Loaded on demand (a CommonJS require, as the build emits), so PostgreSQL deployments never load the native client.
      const { KurrentDbEventStore } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when selected (native gRPC bridge)
        require('./kurrentdb/kurrentdb-event-store') as typeof import('./kurrentdb/kurrentdb-event-store');
      return KurrentDbEventStore.fromConnectionString(selection.kurrentDbUrl, {
        categories: options.categories,
        onForeignEvent: options.onForeignEvent,
      });
    }
    default:
      throw new Error(`Unknown EVENT_STORE: ${String((selection as { kind: unknown }).kind)}`);
  }
}

/**
 * Where the selected store keeps its events, for messages (never a password). PostgreSQL's place is
 * known to whoever opened the pool: `postgres` says it.
 */
export function eventStoreLocation(selection: EventStoreSelection, postgres: () => string): string {
  if (selection.kind !== 'kurrentdb') return postgres();
  return `KurrentDB ${(selection.kurrentDbUrl ?? '').replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')}`;
}
