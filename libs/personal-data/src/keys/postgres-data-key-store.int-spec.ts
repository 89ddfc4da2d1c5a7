import { randomBytes } from 'node:crypto';
import { migrate } from '@koproduktiv/event-store';
import { createTestDatabase, TestDatabase } from '@koproduktiv/test-support/postgres';
import { migratePersonalData } from '../postgres/schema';
import { LocalKeyEncryptionKey } from './key-encryption-key';
import { PostgresDataKeyStore } from './postgres-data-key-store';

describe('PostgresDataKeyStore (real PostgreSQL)', () => {
  let db: TestDatabase;
  const kek = new LocalKeyEncryptionKey(randomBytes(32));
  const subject = { kind: 'case-narratives' as const, id: 'c-1' };

  beforeAll(async () => {
    db = await createTestDatabase('kp_keys_spec');
    await migrate(db.pool);
    await migratePersonalData(db.pool);
  });
  afterAll(() => db.drop());

  it("gives writers racing for a subject's first key one and the same key", async () => {
    const stores = Array.from({ length: 8 }, () => new PostgresDataKeyStore(db.pool, kek));
    const keys = await Promise.all(stores.map(async (store) => store.activeKey('t', subject)));
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
    expect(new Set(keys.map((k) => k.key.toString('hex'))).size).toBe(1);
  });

  it('a process with a cold cache reads the live key and creates no second one', async () => {
    const cold = { kind: 'case-narratives' as const, id: 'c-cold' };
    const first = await new PostgresDataKeyStore(db.pool, kek).activeKey('t', cold);
    const again = await new PostgresDataKeyStore(db.pool, kek).activeKey('t', cold);
    expect(again).toEqual(first);
    const { rows } = await db.pool.query('SELECT 1 FROM kp_data_keys WHERE tenant = $1 AND subject_id = $2', [
      't',
      cold.id,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('stores keys only wrapped', async () => {
    const { key } = await new PostgresDataKeyStore(db.pool, kek).activeKey('t', subject);
    const { rows } = await db.pool.query<{ wrapped: Buffer }>('SELECT wrapped FROM kp_data_keys');
    expect(rows.every((row) => !row.wrapped.includes(key))).toBe(true);
  });

  it('destroys every generation of a subject, keeps other subjects and tenants, and is idempotent', async () => {
    const store = new PostgresDataKeyStore(db.pool, kek);
    const first = await store.activeKey('t', subject);
    const other = await store.activeKey('t', { kind: 'case-narratives', id: 'c-2' });
    const neighbour = await store.activeKey('n', subject);
    const at = new Date('2026-12-01T00:00:00Z');
    expect(await store.destroy('t', subject, at)).toBe(1);
    const second = await store.activeKey('t', subject);
    expect(second.keyId).not.toBe(first.keyId);
    expect(await store.destroy('t', subject, at)).toBe(1);
    expect(await store.destroy('t', subject, at)).toBe(0);
    const found = await store.lookup('t', [first.keyId, second.keyId, other.keyId]);
    expect(found.get(first.keyId)).toEqual({ destroyedAt: at });
    expect(found.get(second.keyId)).toEqual({ destroyedAt: at });
    expect(found.get(other.keyId)).toEqual({ key: other.key });
    expect((await store.lookup('n', [neighbour.keyId])).get(neighbour.keyId)).toEqual({ key: neighbour.key });
    expect((await store.lookup('n', [first.keyId])).size).toBe(0); // another tenant's key id finds nothing
    expect((await store.history('t', subject)).map((k) => k.destroyedAt)).toEqual([at, at]);
  });

  it('keeps the cached keys of subjects with the same id apart: another tenant or kind never gets them', async () => {
    const store = new PostgresDataKeyStore(db.pool, kek);
    const id = 'shared-id';
    const subjects = [
      { tenant: 't', subject: { kind: 'case-narratives' as const, id } },
      { tenant: 'n', subject: { kind: 'case-narratives' as const, id } },
      { tenant: 't', subject: { kind: 'initiative-contact' as const, id } },
    ];
    const first = [];
    for (const { tenant, subject } of subjects) first.push(await store.activeKey(tenant, subject));
    expect(new Set(first.map((k) => k.keyId)).size).toBe(3);
    for (let round = 0; round < 2; round++) {
      for (const [i, { tenant, subject }] of subjects.entries()) {
        expect(await store.activeKey(tenant, subject)).toEqual(first[i]);
      }
    }
    await store.destroy('n', subjects[1].subject, new Date());
    expect(await store.activeKey('t', subjects[0].subject)).toEqual(first[0]);
    expect((await store.activeKey('n', subjects[1].subject)).keyId).not.toBe(first[1].keyId);
  });

  it('a process without the key-encryption key can destroy and list keys, not use them', async () => {
    const keyless = new PostgresDataKeyStore(db.pool, undefined);
    await expect(keyless.activeKey('t', { kind: 'case-narratives', id: 'c-3' })).rejects.toThrow(
      /without the key-encryption key/,
    );
    expect(await keyless.destroy('t', { kind: 'case-narratives', id: 'c-2' }, new Date())).toBe(1);
  });
});
