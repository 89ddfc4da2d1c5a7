import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { openPersonalData, PersonalData } from '../../libs/personal-data/src';

/** The real key table in the test's database, with a key-encryption key generated into a directory of its own. */
export async function openTestPersonalData(pool: Pool): Promise<PersonalData> {
  return openPersonalData(pool, { dataDir: await mkdtemp(join(tmpdir(), 'kp-kek-')) });
}
