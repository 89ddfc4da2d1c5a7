import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { InMemoryEventStore, migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { KurrentDbEventStore } from '@koproduktiv/event-store/kurrentdb';
import { FakeKurrentDbClient } from '@koproduktiv/event-store/testing';
import { AGGREGATE_CATEGORIES } from '@koproduktiv/domain';
import { describeBackend } from '../support/backends';
import { KURRENTDB_SKIPPED, KurrentDbServer, kurrentDbSource } from '../support/kurrentdb';
import { createTestDatabase, TestDatabase } from '../support/postgres';
import { erasureContract } from './erasure-contract';

let db: TestDatabase;
erasureContract(
  'PostgreSQL',
  async () => {
    db = await createTestDatabase('kp_erasure_store');
    await migrate(db.pool);
    return new PostgresEventStore(db.pool);
  },
  () => db.drop(),
);

erasureContract('in-memory', async () => new InMemoryEventStore());

erasureContract(
  'KurrentDB adapter over the fake client',
  async () =>
    new KurrentDbEventStore(new FakeKurrentDbClient() as unknown as KurrentDBClient, {
      categories: AGGREGATE_CATEGORIES,
    }),
);

const source = kurrentDbSource();
if (source) {
  describeBackend('KurrentDB (erasure contract)', source.where);
  let server: KurrentDbServer | undefined;
  erasureContract(
    'KurrentDB',
    async () => {
      server = await source.start();
      return KurrentDbEventStore.fromConnectionString(server.url, { categories: AGGREGATE_CATEGORIES });
    },
    async () => server?.stop(),
  );
} else {
  describeBackend('KurrentDB (erasure contract)', KURRENTDB_SKIPPED);
  describe('erasure contract: KurrentDB', () => {
    it.skip(`KurrentDB ${KURRENTDB_SKIPPED}`, () => undefined);
  });
}
