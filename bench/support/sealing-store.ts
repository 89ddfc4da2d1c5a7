import type { DomainEvent } from '@koproduktiv/domain';
import type { EventStore, EventToAppend } from '@koproduktiv/event-store';
import type { EventCodec } from '@koproduktiv/personal-data';

/**
 * The store with every append sealed by the service's codec, as the command path seals: the service
 * refuses to start on a store with personal data in plain text, so generated stores are written
 * through this.
 */
export const sealingAppends = (store: EventStore, codec: EventCodec): EventStore => ({
  append: async (tenant, streamId, events, expected) => {
    const sealed: EventToAppend[] = [];
    for (const event of events) {
      const [data] = await codec.encode(
        tenant,
        [{ type: event.type, data: event.data } as DomainEvent],
        event.occurredAt,
      );
      sealed.push({ ...event, data });
    }
    return store.append(tenant, streamId, sealed, expected);
  },
  readStream: (tenant, streamId, options) => store.readStream(tenant, streamId, options),
  readAll: (options) => store.readAll(options),
  streamVersion: (tenant, streamId) => store.streamVersion(tenant, streamId),
  close: () => store.close(),
});
