import { EventCodec } from '../codec/event-codec';
import { InMemoryDataKeyStore } from '../keys/in-memory-data-key-store';

/** A codec whose keys live in memory: for tests of code that needs one but not the key table. */
export const inMemoryCodec = (keys = new InMemoryDataKeyStore()) => new EventCodec(keys);
export { InMemoryDataKeyStore };
