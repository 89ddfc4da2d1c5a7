import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { anEvent } from '@koproduktiv/event-store/testing';
import { createTestDatabase } from '../support/postgres';
import { ensureBuilt, runNode } from '../support/processes';

const CLI = 'dist/apps/cli/src/main.js';

beforeAll(() => ensureBuilt());

describe('retention due on a store whose read models were never built', () => {
  it('answers that they must be built first (exit 1), not with a database error', async () => {
    const db = await createTestDatabase('kp_retention_unbuilt');
    const dataDir = await mkdtemp(join(tmpdir(), 'kp-retention-unbuilt-'));
    try {
      await migrate(db.pool);
      await new PostgresEventStore(db.pool).append('t', 'fund-1', [anEvent({ type: 'FundOpened', data: {} })], 0);
      const run = runNode(CLI, ['retention', 'due'], { DATA_DIR: dataDir, DATABASE_URL: db.url });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^The read models of this store have not been built yet/);
      expect(run.stderr).toContain('projections rebuild');
      expect(run.stderr).not.toMatch(/rm_cases|\n\s+at /); // no database error, no stack
    } finally {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
