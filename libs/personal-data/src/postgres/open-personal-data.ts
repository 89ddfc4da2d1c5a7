import type { Pool } from 'pg';
import { AccessLog, PostgresAccessLog } from '../access-log/access-log';
import { EventCodec } from '../codec/event-codec';
import { DataKeyStore } from '../keys/data-key-store';
import { KeyEncryptionKey } from '../keys/key-encryption-key';
import { embeddedKeyFile, loadKeyEncryptionKey } from '../keys/load-key-encryption-key';
import { PostgresDataKeyStore } from '../keys/postgres-data-key-store';
import { ResealLog } from './reseal-log';
import { migratePersonalData } from './schema';
import { assertKeyEncryptionKeyMatches, assertStoreSealed, hasDataKeys } from './startup-checks';

export interface PersonalDataOptions {
  /** KEY_ENCRYPTION_KEY_FILE; without it the embedded default's file in dataDir. */
  readonly keyFile?: string;
  readonly dataDir: string;
  /**
   * False for processes that never seal or open personal data (the projector, projections rebuild
   * and check): they are not given the key, and can still destroy keys (retention's erasures).
   */
  readonly needsKeyEncryptionKey?: boolean;
}

export interface PersonalData {
  /** Undefined in a process started without it (see needsKeyEncryptionKey). */
  readonly kek: KeyEncryptionKey | undefined;
  readonly keys: DataKeyStore;
  readonly codec: EventCodec;
  readonly accessLog: AccessLog;
  /** Streams re-sealed by store encrypt-personal-data, with their old chain heads. */
  readonly reseals: ResealLog;
}

/**
 * Everything a process needs to seal and open personal data, after the checks that keep a store
 * from being mixed: refuses a store with plain-text personal data, a missing key-encryption key
 * where data keys exist, and a key that did not wrap them. Needs the event store's schema first.
 */
export async function openPersonalData(
  pool: Pool,
  { keyFile, dataDir, needsKeyEncryptionKey = true }: PersonalDataOptions,
): Promise<PersonalData> {
  await migratePersonalData(pool);
  await assertStoreSealed(pool);
  if (!needsKeyEncryptionKey) {
    const keys = new PostgresDataKeyStore(pool, undefined);
    return {
      kek: undefined,
      keys,
      codec: new EventCodec(keys),
      accessLog: new PostgresAccessLog(pool),
      reseals: new ResealLog(pool),
    };
  }
  const kek = await loadKeyEncryptionKey({ file: keyFile, dataDir, mayCreate: !(await hasDataKeys(pool)) });
  await assertKeyEncryptionKeyMatches(
    pool,
    kek,
    keyFile ? `KEY_ENCRYPTION_KEY_FILE=${keyFile}` : `the key-encryption key ${embeddedKeyFile(dataDir)}`,
  );
  const keys = new PostgresDataKeyStore(pool, kek);
  return {
    kek,
    keys,
    codec: new EventCodec(keys),
    accessLog: new PostgresAccessLog(pool),
    reseals: new ResealLog(pool),
  };
}
