import type { Pool } from 'pg';
import { createEventStore } from './create-event-store';
import { KurrentDbEventStore } from './kurrentdb';
import { StoreUnavailableError } from './port';
import { PostgresEventStore } from './postgres';

const pool = {} as Pool; // never queried here

describe('createEventStore', () => {
  it('keeps events in PostgreSQL by default', async () => {
    expect(await createEventStore({ EVENT_STORE: 'postgres' }, pool)).toBeInstanceOf(PostgresEventStore);
  });

  it('keeps events in KurrentDB when selected, with the real client (an unreachable node is a StoreUnavailableError)', async () => {
    const store = await createEventStore(
      { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false&maxDiscoverAttempts=1&discoveryInterval=10' },
      pool,
      { categories: ['case'] },
    );
    try {
      expect(store).toBeInstanceOf(KurrentDbEventStore);
      await expect(store.streamVersion('musterstadt', 'case-1')).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('refuses KurrentDB without a URL and an unknown store', async () => {
    await expect(createEventStore({ EVENT_STORE: 'kurrentdb' }, pool)).rejects.toThrow('needs KURRENTDB_URL');
    await expect(createEventStore({ EVENT_STORE: 'mongodb' as 'postgres' }, pool)).rejects.toThrow('Unknown EVENT_STORE');
  });
});
