import { randomUUID } from 'node:crypto';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { InMemoryIdempotencyStore } from '@koproduktiv/platform';
import { ensureReadModels, ReadModelProjection, ReadModelQueries } from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import { resolveMetricsSettings } from '@koproduktiv/metrics';
import { CommandExecutor } from '@koproduktiv/application';
import { openTestPersonalData } from '../support/personal-data';
import { createTestDatabase, TestDatabase } from '../support/postgres';

/** Each tenant's latest applied position, kept with the read models (the rebuild's side: rebuild.e2e-spec compares it). */
describe('tenant positions of the read models', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let executor: CommandExecutor;
  const registerUnit = (tenant: string) =>
    executor.execute({
      tenant,
      actor: { subject: 'clerk', role: 'clerk' },
      correlationId: randomUUID(),
      commandId: randomUUID(),
      command: { type: 'RegisterUnit', data: { unitId: randomUUID(), name: 'Bauamt', isContactPoint: false } } as never,
    });
  const stored = async (generation: number) =>
    (await db.pool.query(`SELECT tenant, position::int FROM rm_tenant_positions_g${generation} ORDER BY tenant`)).rows;
  const expected = async () =>
    (
      await db.pool.query(
        'SELECT tenant, max(position)::int AS position FROM kp_events GROUP BY tenant ORDER BY tenant',
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.pool);
    store = new PostgresEventStore(db.pool);
    executor = new CommandExecutor(store, new InMemoryIdempotencyStore(), (await openTestPersonalData(db.pool)).codec);
  });
  afterAll(() => db.drop());

  it("follows every tenant's latest event as the projection applies it", async () => {
    for (const tenant of ['altstadt', 'neustadt', 'neustadt', 'altstadt', 'neustadt']) await registerUnit(tenant);
    const generation = await ensureReadModels(db.pool);
    await new ProcessorRunner(store, db.pool, new ReadModelProjection(generation)).catchUp();
    expect(await stored(generation)).toEqual(await expected());
    expect((await stored(generation)).map((row) => row.tenant)).toEqual(['altstadt', 'neustadt']);
  });

  it('fills them from the rows of a generation made before they were kept, and goes on from there', async () => {
    const generation = await ensureReadModels(db.pool);
    await db.pool.query(`DROP TABLE rm_tenant_positions_g${generation} CASCADE`); // its view with it, as before both existed
    // Until a projector of this version opens the generation, analysts are told no position rather than the store-wide one.
    expect(await new ReadModelQueries(db.pool, () => resolveMetricsSettings()).positions('neustadt')).toMatchObject({
      own: 0,
      store: expect.any(Number),
    });
    await registerUnit('altstadt');
    await new ProcessorRunner(store, db.pool, new ReadModelProjection(generation)).catchUp();
    expect(await stored(generation)).toEqual(await expected());
  });
});
