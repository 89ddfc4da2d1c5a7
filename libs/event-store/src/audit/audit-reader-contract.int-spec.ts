import { createTestDatabase } from '@koproduktiv/test-support/postgres';
import { InMemoryEventStore } from '../in-memory';
import type { EventStore } from '../port';
import { migrate, PostgresEventStore } from '../postgres';
import { auditReaderContract } from '../testing';
import { auditReaderFor } from './audit-reader-for';
import { isAuditReadable } from './audit-reader';
import { eventStoreAuditSource } from './audit-source';
import { PostgresAuditReader } from './postgres-audit-reader';
import { ScanningAuditReader } from './scanning-audit-reader';

const PAGE = 3; // small pages, so that every reader pages

auditReaderContract('PostgreSQL', async () => {
  const db = await createTestDatabase();
  await migrate(db.pool);
  const store = new PostgresEventStore(db.pool);
  return {
    store,
    reader: new PostgresAuditReader(db.pool, PAGE),
    tamper: async (tenant, streamId) => {
      await db.pool.query(
        `UPDATE kp_events SET data = jsonb_set(data, '{summary}', '"geändert"') WHERE tenant = $1 AND stream_id = $2 AND version = 2`,
        [tenant, streamId],
      );
      return { version: 2, reason: 'hash_mismatch' };
    },
    close: () => db.drop(),
  };
});

/** The in-memory store hands out its own stored objects, so changing one changes the record. */
const tamperInMemory = async (store: EventStore, tenant: string, streamId: string) => {
  const [event] = await store.readStream(tenant, streamId, { fromVersion: 2, maxCount: 1 });
  (event as { data: object }).data = { ...event.data, summary: 'geändert' };
  return { version: 2, reason: 'hash_mismatch' as const };
};

auditReaderContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  return {
    store,
    reader: store.auditReader(PAGE),
    tamper: (t, s) => tamperInMemory(store, t, s),
    close: () => store.close(),
  };
});

auditReaderContract('any EventStore, through the port alone', async () => {
  const store = new InMemoryEventStore();
  const portOnly: EventStore = {
    append: (...args) => store.append(...args),
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    streamVersion: (...args) => store.streamVersion(...args),
    close: () => store.close(),
  };
  return {
    store: portOnly,
    reader: new ScanningAuditReader(eventStoreAuditSource(portOnly, PAGE), PAGE),
    tamper: (t, s) => tamperInMemory(store, t, s),
    close: () => store.close(),
  };
});

describe('auditReaderFor', () => {
  it("gives every store a reader: its own (PostgreSQL's over its pool), else one over the port", () => {
    const memory = new InMemoryEventStore();
    expect(auditReaderFor(memory)).toBeInstanceOf(ScanningAuditReader);
    const postgres = new PostgresEventStore({} as never);
    expect(isAuditReadable(postgres)).toBe(true);
    expect(auditReaderFor(postgres)).toBeInstanceOf(PostgresAuditReader);
    const bare: EventStore = {
      append: memory.append,
      readStream: memory.readStream,
      readAll: memory.readAll,
      streamVersion: memory.streamVersion,
      close: memory.close,
    };
    expect(auditReaderFor(bare)).toBeInstanceOf(ScanningAuditReader);
  });
});
