import { createTestDatabase, TestDatabase } from '@koproduktiv/test-support/postgres';
import { migrate } from './migrations';

describe('migrate: the indexes of reference fields', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.drop());

  const referenceIndexes = async () =>
    (
      await db.pool.query<{ indexname: string }>(
        `SELECT indexname FROM pg_indexes WHERE tablename = 'kp_events' AND indexdef LIKE '%data ->>%' ORDER BY indexname`,
      )
    ).rows.map((row) => row.indexname);

  it('indexes each field it is given, once however often it runs', async () => {
    await migrate(db.pool, { referenceFields: ['caseId', 'fundId'] });
    await migrate(db.pool, { referenceFields: ['caseId', 'fundId'] });
    expect(await referenceIndexes()).toEqual(['kp_events_ref_caseid', 'kp_events_ref_fundid']);
  });

  it('indexes nothing of the data without reference fields', async () => {
    await migrate(db.pool);
    expect(await referenceIndexes()).toEqual([]);
  });

  it('keeps the index an installation has under another name instead of building a second one', async () => {
    await migrate(db.pool);
    await db.pool.query(`CREATE INDEX kp_events_case_ref ON kp_events (tenant, (data->>'caseId'), position)`);
    await migrate(db.pool, { referenceFields: ['caseId'] });
    expect(await referenceIndexes()).toEqual(['kp_events_case_ref']);
  });

  it('refuses a field name that is not letters and digits (it becomes SQL text)', async () => {
    await migrate(db.pool);
    await expect(migrate(db.pool, { referenceFields: ["x'); DROP TABLE kp_events; --"] })).rejects.toThrow(
      'Not a data field name',
    );
    await expect(db.pool.query('SELECT count(*) FROM kp_events')).resolves.toBeDefined();
  });
});
