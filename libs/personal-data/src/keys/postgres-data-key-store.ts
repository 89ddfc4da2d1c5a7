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
  /**
   * By subject id alone: a key joined from tenant, kind and id cost a measurable share of a command.
   * Ids of two tenants or kinds that happen to be equal only take each other's place.
   */
  private readonly active = new Map<string, CachedKey>();

  /** Without a key-encryption key (processes that only project or erase) keys can be destroyed and listed, not used. */
  constructor(
    private readonly pool: Pool,
    private readonly kek: KeyEncryptionKey | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  activeKey(tenant: string, subject: DataSubject): ActiveDataKey | Promise<ActiveDataKey> {
    const cached = this.cached(tenant, subject);
    return cached && cached.expires > this.now() ? cached.value : this.fetchActive(tenant, subject);
  }

  private cached(tenant: string, { kind, id }: DataSubject): CachedKey | undefined {
    const cached = this.active.get(id);
    return cached?.tenant === tenant && cached.kind === kind ? cached : undefined;
  }

  private async fetchActive(tenant: string, subject: DataSubject): Promise<ActiveDataKey> {
    const value = await this.readOrCreateActive(tenant, subject);
    if (this.active.size >= ACTIVE_KEY_CACHE_ENTRIES) this.active.delete(this.active.keys().next().value as string);
    this.active.set(subject.id, { tenant, kind: subject.kind, value, expires: this.now() + ACTIVE_KEY_TTL_MS });
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
    if (this.cached(tenant, subject)) this.active.delete(subject.id);
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

  /**
   * Reads the live key or creates it, in one statement: on a cache miss this costs one round trip
   * whether or not the key exists (a fresh key is wrapped in vain when it does). Two writers
   * creating the subject's first key at once: the unique index lets one win and the other finds
   * neither row in its snapshot, so it reads the winner's key.
   */
  private async readOrCreateActive(tenant: string, subject: DataSubject): Promise<ActiveDataKey> {
    const kek = this.requireKek();
    const { rows } = await this.pool.query<{ key_id: string; wrapped: Buffer }>(
      `WITH live AS (
         SELECT key_id, wrapped FROM kp_data_keys
          WHERE tenant = $2 AND subject_kind = $3 AND subject_id = $4 AND destroyed_at IS NULL
       ), created AS (
         INSERT INTO kp_data_keys (key_id, tenant, subject_kind, subject_id, kek_id, wrapped)
         SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM live)
         ON CONFLICT DO NOTHING
         RETURNING key_id, wrapped
       )
       SELECT key_id, wrapped FROM live UNION ALL SELECT key_id, wrapped FROM created`,
      [randomUUID(), tenant, subject.kind, subject.id, kek.id, kek.wrap(newDataKey())],
    );
    const found = rows[0] ? { keyId: rows[0].key_id, key: kek.unwrap(rows[0].wrapped) } : undefined;
    const winner = found ?? (await this.readActive(tenant, subject));
    if (!winner) throw new Error(`no live data key for ${subject.kind}/${subject.id} after creating one`);
    return winner;
  }
}

interface CachedKey {
  readonly tenant: string;
  readonly kind: DataSubject['kind'];
  readonly value: ActiveDataKey;
  readonly expires: number;
}

const noKek = () =>
  new Error('this process was started without the key-encryption key: it cannot seal or open personal data');

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
