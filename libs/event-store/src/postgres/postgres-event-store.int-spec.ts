import { createTestDatabase, TestDatabase } from '@koproduktiv/test-support/postgres';
import { eventStoreContract } from '../testing';
import { migrate } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

let db: TestDatabase;

eventStoreContract(
  'PostgreSQL',
  async () => {
    db = await createTestDatabase();
    await migrate(db.pool);
    return new PostgresEventStore(db.pool);
  },
  () => db.drop(),
);
