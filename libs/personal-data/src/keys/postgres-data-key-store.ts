import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { newDataKey } from '../crypto/aes-gcm';
import { ActiveDataKey, DataKeyLookup, DataKeyRecord, DataKeyStore, DataSubject } from './data-key-store';
import type { KeyEncryptionKey } from './key-encryption-key';

/**
 * Live keys are cached for a short while, since most commands seal a narrative and the key is the
 * same for every command on a case. A destruction in this process clears its entry at once; another
 * process may seal with a destroyed key until its entry expires (ACTIVE_KEY_TTL_MS), and what it
 * sealed then reads as erased: the race errs on the side of erasure.
 */
const ACTIVE_KEY_TTL_MS = 5 * 60_000;
const ACTIVE_KEY_CACHE_ENTRIES = 50_000;

export class PostgresDataKeyStore implements DataKeyStore {
  private readonly active = new Map<string, { value: ActiveDataKey; expires: number }>();

  /** Without a key-encryption key (processes that only project or erase) keys can be destroyed and listed, not used. */
  constructor(
    private readonly pool: Pool,
    private readonly kek: KeyEncryptionKey | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async activeKey(tenant: string, subject: DataSubject): Promise<ActiveDataKey> {
    const cacheKey = `${tenant}\u0000${subject.kind}\u0000${subject.id}`;
    const cached = this.active.get(cacheKey);
    if (cached && cached.expires > this.now()) return cached.value;
    const value = (await this.readActive(tenant, subject)) ?? (await this.createActive(tenant, subject));
    if (this.active.size >= ACTIVE_KEY_CACHE_ENTRIES) this.active.delete(this.active.keys().next().value as string);
    this.active.set(cacheKey, { value, expires: this.now() + ACTIVE_KEY_TTL_MS });
    return value;
  }

  async lookup(tenant: string, keyIds: readonly string[]): Promise<Map<string, DataKeyLookup>> {
    const found = new Map<string, DataKeyLookup>();
    if (keyIds.length === 0) return found;
    const { rows } = await this.pool.query<{ key_id: string; wrapped: Buffer | null; destroyed_at: Date | null }>(
      'SELECT key_id, wrapped, destroyed_at FROM kp_data_keys WHERE tenant = $1 AND key_id = ANY($2::uuid[])',
      [tenant, keyIds.filter(isUuid)],
    );
    for (const row of rows)
      found.set(
        row.key_id,
        row.wrapped ? { key: this.requireKek().unwrap(row.wrapped) } : { destroyedAt: row.destroyed_at as Date },
      );
    return found;
  }

  async destroy(tenant: string, subject: DataSubject, at: Date): Promise<number> {
    for (const key of this.active.keys())
      if (key === `${tenant}\u0000${subject.kind}\u0000${subject.id}`) this.active.delete(key);
    const { rowCount } = await this.pool.query(
      `UPDATE kp_data_keys SET wrapped = NULL, destroyed_at = $4
        WHERE tenant = $1 AND subject_kind = $2 AND subject_id = $3 AND destroyed_at IS NULL`,
      [tenant, subject.kind, subject.id, at],
    );
    return rowCount ?? 0;
  }

  async history(tenant: string, subject: DataSubject): Promise<DataKeyRecord[]> {
    const { rows } = await this.pool.query<{ key_id: string; created_at: Date; destroyed_at: Date | null }>(
      `SELECT key_id, created_at, destroyed_at FROM kp_data_keys
        WHERE tenant = $1 AND subject_kind = $2 AND subject_id = $3 ORDER BY created_at, key_id`,
      [tenant, subject.kind, subject.id],
    );
    return rows.map((row) => ({
      keyId: row.key_id,
      subject,
      createdAt: row.created_at,
      destroyedAt: row.destroyed_at,
    }));
  }

  private requireKek(): KeyEncryptionKey {
    if (!this.kek) throw noKek();
    return this.kek;
  }

  private async readActive(tenant: string, subject: DataSubject): Promise<ActiveDataKey | undefined> {
    const { rows } = await this.pool.query<{ key_id: string; wrapped: Buffer }>(
      `SELECT key_id, wrapped FROM kp_data_keys
        WHERE tenant = $1 AND subject_kind = $2 AND subject_id = $3 AND destroyed_at IS NULL`,
      [tenant, subject.kind, subject.id],
    );
    return rows[0] && { keyId: rows[0].key_id, key: this.requireKek().unwrap(rows[0].wrapped) };
  }

  /** Two writers creating the subject's first key at once: the unique index lets one win, both use its key. */
  private async createActive(tenant: string, subject: DataSubject): Promise<ActiveDataKey> {
    await this.pool.query(
      `INSERT INTO kp_data_keys (key_id, tenant, subject_kind, subject_id, kek_id, wrapped)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [randomUUID(), tenant, subject.kind, subject.id, this.requireKek().id, this.requireKek().wrap(newDataKey())],
    );
    const created = await this.readActive(tenant, subject);
    if (!created) throw new Error(`no live data key for ${subject.kind}/${subject.id} after creating one`);
    return created;
  }
}

const noKek = () =>
  new Error('this process was started without the key-encryption key: it cannot seal or open personal data');

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
