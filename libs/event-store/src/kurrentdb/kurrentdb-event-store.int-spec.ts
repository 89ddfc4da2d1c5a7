import { describeBackend } from '@koproduktiv/test-support/backends';
import { KURRENTDB_SKIPPED, KurrentDbServer, kurrentDbSource } from '@koproduktiv/test-support/kurrentdb';
import { eventStoreContract } from '../testing';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/** The shared contract against a real KurrentDB, wherever test/support/kurrentdb.ts finds one; else a loud skip. */
const source = kurrentDbSource();

if (source) {
  describeBackend('KurrentDB', source.where);
  jest.setTimeout(180_000); // a first run pulls the image
  let server: KurrentDbServer | undefined;
  eventStoreContract(
    'KurrentDB',
    async () => {
      server = await source.start();
      return KurrentDbEventStore.fromConnectionString(server.url, { categories: ['case', 'fund'] });
    },
    async () => {
      await server?.stop();
    },
  );
} else {
  describeBackend('KurrentDB', KURRENTDB_SKIPPED);
  describe('EventStore contract: KurrentDB', () => {
    it.skip(`KurrentDB ${KURRENTDB_SKIPPED}`, () => undefined);
  });
}
