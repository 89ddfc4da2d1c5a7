import type { EventStore } from '../port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { AuditReader, isAuditReadable } from './audit-reader';
import { eventStoreAuditSource } from './audit-source';
import { PostgresAuditReader } from './postgres-audit-reader';
import { ScanningAuditReader } from './scanning-audit-reader';

/**
 * The audit read side of any event store, chosen here so that nothing outside the adapters asks
 * which store it has: an adapter's own reader (KurrentDB, in-memory: `auditReader()`), the
 * PostgreSQL reader over the store's pool, else a reader over the EventStore port alone (correct
 * for any adapter, but it sees only what the port shows: no removal marks).
 */
export function auditReaderFor(store: EventStore): AuditReader {
  if (isAuditReadable(store)) return store.auditReader();
  // TODO: let PostgresEventStore implement AuditReadable too, and drop this line.
  if (store instanceof PostgresEventStore) return new PostgresAuditReader(store.pool);
  return new ScanningAuditReader(eventStoreAuditSource(store));
}
