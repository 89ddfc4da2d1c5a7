import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { embeddedKeyFile, openPersonalData, PersonalData } from '@koproduktiv/personal-data';

/** The real key table in the test's database, with a key-encryption key generated into a directory of its own (keyFile). */
export async function openTestPersonalData(pool: Pool): Promise<PersonalData & { readonly keyFile: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kp-kek-'));
  return { ...(await openPersonalData(pool, { dataDir })), keyFile: embeddedKeyFile(dataDir) };
}
