import type { EventStore } from '../port';
import { AuditReader, isAuditReadable } from './audit-reader';
import { eventStoreAuditSource } from './audit-source';
import { ScanningAuditReader } from './scanning-audit-reader';

/**
 * The audit read side of any event store, chosen here so that nothing outside the adapters asks
 * which store it has: an adapter's own reader (`auditReader()`: PostgreSQL, KurrentDB, in-memory),
 * else a reader over the EventStore port alone (correct for any adapter, but it sees only what the
 * port shows: no removal marks).
 */
export function auditReaderFor(store: EventStore): AuditReader {
  if (isAuditReadable(store)) return store.auditReader();
  return new ScanningAuditReader(eventStoreAuditSource(store));
}
