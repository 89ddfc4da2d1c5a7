import { randomUUID } from 'node:crypto';
import { commandExamples, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { retentionYearsFromEnv } from '@koproduktiv/config';
import { createLogger, PostgresIdempotencyStore } from '@koproduktiv/platform';
import { CommandExecutor } from '@koproduktiv/application';
import { RetentionSchedule } from '@koproduktiv/projector';
import { ApiHarness, sendStory, startApi } from '../support/api-harness';

const TENANT = 'musterstadt';

describe('retention: personal data is shredded once the retention period after closing or dissolution is over', () => {
  let api: ApiHarness;
  let now: Date;
  const closed = { early: randomUUID(), later: randomUUID(), open: randomUUID(), neighbour: randomUUID() };
  const schedule = () =>
    new RetentionSchedule(
      api.db.pool,
      new CommandExecutor(api.store, new PostgresIdempotencyStore(api.db.pool), api.personalData.codec, {
        clock: () => now,
      }),
      retentionYearsFromEnv(JSON.stringify({ nachbarort: { retentionYears: 2 } })),
      createLogger('silent'),
      () => now,
    );
  const submit = (tenant: string, caseId: string, at: string) =>
    api.command('SubmitRequest', { ...commandExamples.SubmitRequest, caseId, occurredAt: at }, { tenant });
  const close = (tenant: string, caseId: string, at: string) =>
    api.command(
      'CloseCase',
      { caseId, outcome: 'completed', rationale: 'Erledigt, Frau Brandt informiert', occurredAt: at },
      { tenant },
    );
  const caseEvents = async (tenant: string, caseId: string) =>
    (await api.store.readStream(tenant, `case-${caseId}`)).map((e) => e.type);
  const descriptionOf = async (tenant: string, caseId: string) =>
    (await api.get(`/v1/audit/streams/case-${caseId}/events`, tenant, ['auditor'])).body.events[0].data.description;

  beforeAll(async () => {
    api = await startApi();
    await sendStory(api, TENANT); // its initiative dissolves today; its case is reopened, so open
    for (const [tenant, caseId, submitted, closedOn] of [
      [TENANT, closed.early, '2016-01-04T09:00:00Z', '2016-06-30T10:00:00Z'],
      [TENANT, closed.later, '2017-01-04T09:00:00Z', '2017-06-30T10:00:00Z'],
      [TENANT, closed.open, '2015-01-04T09:00:00Z', undefined],
      ['nachbarort', closed.neighbour, '2024-01-04T09:00:00Z', '2025-06-30T10:00:00Z'],
    ] as const) {
      expect((await submit(tenant, caseId, submitted)).status).toBe(200);
      if (closedOn) expect((await close(tenant, caseId, closedOn)).status).toBe(200);
    }
    await api.project();
  }, 120_000);
  afterAll(() => api?.close());

  it('lists what is due without shredding anything (the dry run)', async () => {
    now = new Date('2027-06-29T00:00:00Z');
    const due = await schedule().due();
    // The neighbour's case (2 years) falls due on 2027-06-30, the later one (10 years) too; the open case and today's dissolution not.
    expect(due.map((d) => [d.tenant, d.kind, d.id, d.dueAt])).toEqual([
      [TENANT, 'case-narratives', closed.early, '2026-06-30T10:00:00.000Z'],
    ]);
    expect(await descriptionOf(TENANT, closed.early)).toBe(commandExamples.SubmitRequest.description);
  });

  it('shreds exactly the due cases when the clock passes each boundary, with reason "retention"', async () => {
    now = new Date('2027-06-29T00:00:00Z');
    await schedule().runOnce();
    await api.project();
    expect(await caseEvents(TENANT, closed.early)).toContain('CaseNarrativesShredded');
    expect(await descriptionOf(TENANT, closed.early)).toMatchObject({ erased: true });
    for (const [tenant, caseId] of [
      [TENANT, closed.later],
      [TENANT, closed.open],
      ['nachbarort', closed.neighbour],
    ] as const) {
      expect(await caseEvents(tenant, caseId)).not.toContain('CaseNarrativesShredded');
    }

    now = new Date('2027-07-01T00:00:00Z'); // past 2027-06-30: the later case (10 years) and the neighbour's (2 years)
    await schedule().runOnce();
    await api.project();
    expect(await caseEvents(TENANT, closed.later)).toContain('CaseNarrativesShredded');
    expect(await caseEvents('nachbarort', closed.neighbour)).toContain('CaseNarrativesShredded');
    expect(await caseEvents(TENANT, closed.open)).not.toContain('CaseNarrativesShredded');
    expect(await caseEvents(TENANT, exampleIds.case)).not.toContain('CaseNarrativesShredded');
    const [shredded] = (await api.store.readStream(TENANT, `case-${closed.later}`)).filter(
      (e) => e.type === 'CaseNarrativesShredded',
    );
    expect(shredded).toMatchObject({
      data: { reason: 'retention' },
      metadata: { actor: { subject: 'retention-schedule', role: 'admin' } },
    });
  });

  it("erases a dissolved initiative's contact ten years after its dissolution, not before", async () => {
    const dissolvedAt = new Date();
    now = new Date(dissolvedAt.getTime() + 9 * 365 * 86_400_000);
    await schedule().runOnce();
    expect(
      (await api.store.readStream(TENANT, `initiative-${exampleIds.initiative}`)).map((e) => e.type),
    ).not.toContain('InitiativeContactErased');
    now = new Date(dissolvedAt.getTime() + 11 * 365 * 86_400_000);
    await schedule().runOnce();
    expect((await api.store.readStream(TENANT, `initiative-${exampleIds.initiative}`)).map((e) => e.type)).toContain(
      'InitiativeContactErased',
    );
  });

  it('is idempotent: another run appends nothing and finds nothing due', async () => {
    await api.project();
    const before = (await api.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM kp_events')).rows[0].n;
    expect(await schedule().runOnce()).toEqual([]);
    expect((await api.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM kp_events')).rows[0].n).toBe(before);
  });

  it('refuses malformed settings with a message naming them', () => {
    expect(() => retentionYearsFromEnv('{bad')).toThrow(/RETENTION_SETTINGS is not valid JSON/);
    expect(() => retentionYearsFromEnv('{"musterstadt": {"retentionYears": 0}}')).toThrow(
      /RETENTION_SETTINGS.musterstadt.retentionYears/,
    );
    expect(retentionYearsFromEnv(undefined)('anywhere')).toBe(10);
  });
});
