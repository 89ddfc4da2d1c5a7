import { randomUUID } from 'node:crypto';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { createLogger, PostgresIdempotencyStore } from '@koproduktiv/platform';
import { projectorOptionsFrom } from '@koproduktiv/config';
import { createProjector, Projector } from '@koproduktiv/projector';
import { ApiHarness, startApi } from '../support/api-harness';

const TENANT = 'musterstadt';

/**
 * The process manager in the real projector host (createProjector, as `npm start` and apps/projector
 * run it) beside the HTTP API on PostgreSQL: a case's FundingApplied reaches its fund as
 * ApplicationReceived or ApplicationRefused within seconds, once, also across a restart of the
 * projector and a replay from the start.
 */
describe('process manager: FundingApplied → the fund', () => {
  let api: ApiHarness;
  let projector: Projector | undefined;
  const fundId = randomUUID();
  const caseId = randomUUID();

  const startProjector = async () => {
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
    projector = createProjector(
      {
        store: api.store,
        pool: api.db.pool,
        idempotency: new PostgresIdempotencyStore(api.db.pool),
        personalData: api.personalData,
      },
      logger,
      projectorOptionsFrom({}),
    );
    await projector.start();
  };
  const stopProjector = async () => {
    await projector?.stop();
    projector = undefined;
  };
  const fundEvents = async (id = fundId) => api.store.readStream(TENANT, `fund-${id}`);
  const answersTo = async (applicationId: string, id = fundId) =>
    (await fundEvents(id)).filter(
      (e) => ['ApplicationReceived', 'ApplicationRefused'].includes(e.type) && e.data.applicationId === applicationId,
    );
  const waitFor = async (condition: () => Promise<boolean>, what: string, timeoutMs = 10_000) => {
    const started = Date.now();
    while (!(await condition())) {
      if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return Date.now() - started;
  };
  const apply = async (applicationId: string, fund = fundId) => {
    const response = await api.command('ApplyForFunding', {
      caseId,
      applicationId,
      fundId: fund,
      amountRequestedCents: 120_000,
      purpose: 'Werkzeug für das Reparatur-Café',
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    api = await startApi({ processManager: false });
    for (const [type, body] of [
      ['OpenFund', { fundId, name: 'Mit-mach-Fonds 2026', year: 2026, budgetCents: 1_000_000 }],
      ['SubmitRequest', { ...commandExamples.SubmitRequest, caseId }],
    ] as const)
      expect((await api.command(type, body)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await stopProjector();
    await api.close();
  });

  it('receives an application within seconds of FundingApplied, and a clerk can award it', async () => {
    await startProjector();
    const applicationId = randomUUID();
    await apply(applicationId);
    const took = await waitFor(async () => (await answersTo(applicationId)).length > 0, 'ApplicationReceived');
    expect(took).toBeLessThan(5_000);
    const [received] = await answersTo(applicationId);
    expect(received).toMatchObject({
      type: 'ApplicationReceived',
      data: { fundId, applicationId, caseId, amountRequestedCents: 120_000 },
      metadata: {
        actor: { subject: 'process-manager', role: 'system' },
        idempotencyKey: expect.stringMatching(/^reaction:/),
      },
    });
    const award = await api.command('AwardGrant', {
      fundId,
      applicationId,
      amountCents: 120_000,
      proofDueOn: '2026-12-31',
    });
    expect(award.status).toBe(200);
  });

  it('catches up after a restart with what was applied while it was down, refusing what the fund cannot take', async () => {
    await stopProjector();
    const whileDown = randomUUID();
    const toUnknownFund = randomUUID();
    const unknownFund = randomUUID();
    await apply(whileDown);
    await apply(toUnknownFund, unknownFund);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await answersTo(whileDown)).toEqual([]);
    expect(
      (await api.command('AwardGrant', { fundId, applicationId: whileDown, amountCents: 1, proofDueOn: '2026-12-31' }))
        .body.code,
    ).toBe('FUND.APPLICATION_NOT_RECEIVED');

    await startProjector();
    await waitFor(
      async () => (await answersTo(whileDown)).length > 0,
      'the application made while the projector was down',
    );
    await waitFor(async () => (await answersTo(toUnknownFund, unknownFund)).length > 0, 'the refusal');
    expect((await answersTo(toUnknownFund, unknownFund)).map((e) => [e.type, e.data.code])).toEqual([
      ['ApplicationRefused', 'FUND.NOT_FOUND'],
    ]);
    // The refused application's case is unchanged, and the fund that does not exist still does not.
    expect(
      (await api.command('DisburseGrant', { fundId: unknownFund, applicationId: toUnknownFund, amountCents: 1 })).body
        .code,
    ).toBe('FUND.NOT_FOUND');
  });

  it('appends nothing twice when it replays everything from the start', async () => {
    await stopProjector();
    const before = await fundEvents();
    await api.db.pool.query(`DELETE FROM kp_checkpoints WHERE name = 'reactions'`);
    await startProjector();
    await waitFor(
      async () => projector!.host.statuses().find((s) => s.name === 'reactions')?.caughtUp === true,
      'the replay to catch up',
    );
    const positions = await api.db.pool.query<{ position: string }>(
      `SELECT position FROM kp_checkpoints WHERE name = 'reactions'`,
    );
    expect(Number(positions.rows[0].position)).toBeGreaterThan(0);
    expect((await fundEvents()).map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
  });
});
