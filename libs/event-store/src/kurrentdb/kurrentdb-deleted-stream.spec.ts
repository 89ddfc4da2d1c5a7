import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { StreamDeletedError } from '../port';
import { aStreamId, events } from '../testing';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { toStreamName } from './stream-name';
import { FakeKurrentDbClient } from './testing/fake-kurrentdb-client';

const TENANT = 'musterstadt';

describe('KurrentDB adapter: a tombstoned stream (fake client)', () => {
  it("answers reads, version lookups and appends with the port's StreamDeletedError naming our stream id", async () => {
    const fake = new FakeKurrentDbClient();
    const store = new KurrentDbEventStore(fake as unknown as KurrentDBClient, { categories: ['case'] });
    const streamId = aStreamId();
    await store.append(TENANT, streamId, events(2), 'no_stream');
    await fake.tombstoneStream(toStreamName(TENANT, streamId));

    await expect(store.readStream(TENANT, streamId)).rejects.toEqual(new StreamDeletedError(streamId));
    await expect(store.streamVersion(TENANT, streamId)).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.append(TENANT, streamId, events(1), 'any')).rejects.toMatchObject({
      name: 'StreamDeletedError',
      streamId,
    });
  });
});
