import type { Pool } from 'pg';
import { createEventStore, eventStoreLocation } from './create-event-store';
import { KurrentDbEventStore } from './kurrentdb';
import { StoreUnavailableError } from './port';
import { PostgresEventStore } from './postgres';

const pool = {} as Pool; // never queried here

describe('createEventStore', () => {
  it('keeps events in PostgreSQL by default', async () => {
    expect(await createEventStore({ kind: 'postgres' }, pool)).toBeInstanceOf(PostgresEventStore);
  });

  it('keeps events in KurrentDB when selected, with the real client (an unreachable node is a StoreUnavailableError)', async () => {
    const store = await createEventStore(
      {
        kind: 'kurrentdb',
        kurrentDbUrl: 'kurrentdb://127.0.0.1:1?tls=false&maxDiscoverAttempts=1&discoveryInterval=10',
      },
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
    await expect(createEventStore({ kind: 'kurrentdb' }, pool)).rejects.toThrow('needs KURRENTDB_URL');
    await expect(createEventStore({ kind: 'mongodb' as 'postgres' }, pool)).rejects.toThrow('Unknown EVENT_STORE');
  });

  it('opens PostgreSQL only when the events live there, when given a way to open it', async () => {
    const open = jest.fn(async () => pool);
    expect(await createEventStore({ kind: 'postgres' }, open)).toBeInstanceOf(PostgresEventStore);
    const kurrent = await createEventStore(
      { kind: 'kurrentdb', kurrentDbUrl: 'kurrentdb://127.0.0.1:1?tls=false' },
      open,
    );
    await kurrent.close();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('says where the events are, without a password', () => {
    expect(eventStoreLocation({ kind: 'postgres' }, () => 'embedded PostgreSQL in .data')).toBe(
      'embedded PostgreSQL in .data',
    );
    expect(
      eventStoreLocation(
        { kind: 'kurrentdb', kurrentDbUrl: 'kurrentdb://admin:changeit@node1:2113,node2:2113?tls=true' },
        () => 'unused',
      ),
    ).toBe('KurrentDB kurrentdb://admin:***@node1:2113,node2:2113?tls=true');
  });
});
