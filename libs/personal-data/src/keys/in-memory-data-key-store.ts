import { randomUUID } from 'node:crypto';
import { newDataKey } from '../crypto/aes-gcm';
import { ActiveDataKey, DataKeyLookup, DataKeyRecord, DataKeyStore, DataSubject } from './data-key-store';

/** For unit tests and the in-memory event store: the same behaviour, nothing persisted. */
export class InMemoryDataKeyStore implements DataKeyStore {
  private readonly keys: (DataKeyRecord & { tenant: string; key: Buffer | null })[] = [];

  activeKey(tenant: string, subject: DataSubject): ActiveDataKey {
    let live = this.keys.find((k) => k.tenant === tenant && same(k.subject, subject) && k.destroyedAt === null);
    if (!live) {
      live = { tenant, keyId: randomUUID(), subject, createdAt: new Date(), destroyedAt: null, key: newDataKey() };
      this.keys.push(live);
    }
    return { keyId: live.keyId, key: live.key as Buffer };
  }

  async lookup(tenant: string, keyIds: readonly string[]): Promise<Map<string, DataKeyLookup>> {
    const found = new Map<string, DataKeyLookup>();
    for (const k of this.keys) {
      if (k.tenant === tenant && keyIds.includes(k.keyId))
        found.set(k.keyId, k.key ? { key: k.key } : { destroyedAt: k.destroyedAt as Date });
    }
    return found;
  }

  async destroy(tenant: string, subject: DataSubject, at: Date): Promise<number> {
    let destroyed = 0;
    for (const [i, k] of this.keys.entries()) {
      if (k.tenant !== tenant || !same(k.subject, subject) || k.destroyedAt !== null) continue;
      this.keys[i] = { ...k, key: null, destroyedAt: at };
      destroyed += 1;
    }
    return destroyed;
  }

  async history(tenant: string, subject: DataSubject): Promise<DataKeyRecord[]> {
    return this.keys
      .filter((k) => k.tenant === tenant && same(k.subject, subject))
      .map(({ keyId, createdAt, destroyedAt }) => ({ keyId, subject, createdAt, destroyedAt }));
  }
}

const same = (a: DataSubject, b: DataSubject) => a.kind === b.kind && a.id === b.id;
