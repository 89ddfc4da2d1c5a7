import type { EventCodec } from '@koproduktiv/personal-data';
import { openTestPersonalData } from '../support/personal-data';
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { resolveMetricsSettings } from '@koproduktiv/metrics';
import { ensureIdempotencyTable, PostgresIdempotencyStore } from '@koproduktiv/platform';
import { ensureReadModels, ReadModelProjection, ReadModelQueries } from '@koproduktiv/projections';
import { ProcessorRunner } from '@koproduktiv/subscriptions';
import type { PublicCommandType } from '@koproduktiv/domain';
import { commandDtos } from '../../apps/api/src/commands/dto';
import { playStory, PlayResult, shiftToEndNow } from '../../apps/cli/src/commands/demo/play';
import { demoUuid } from '../../apps/cli/src/commands/demo/random';
import { addDays } from '../../apps/cli/src/commands/demo/story/script';
import { buildStory, storySpan, WRITTEN_END } from '../../apps/cli/src/commands/demo/story';
import { createTestDatabase, TestDatabase } from '../support/postgres';

const TENANT = 'musterstadt';
const SEED = 1;
/** The story as `npm run demo` plays it today: moved to end in the current month. */
const SHIFT = shiftToEndNow(SEED, new Date());
const STORY = buildStory(SEED, SHIFT);
const SPAN = storySpan(SHIFT);
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The demo story, played in-process through the CommandExecutor against PostgreSQL, then projected. */
describe('demo data (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let idempotency: PostgresIdempotencyStore;
  let codec: EventCodec;
  let first: PlayResult;
  let now: Date;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.pool.query<{ n: string }>(sql, params)).rows[0].n);
  const events = (type: string, where = 'TRUE') =>
    count(`SELECT count(*) AS n FROM kp_events WHERE tenant = $1 AND type = $2 AND ${where}`, [TENANT, type]);

  beforeAll(async () => {
    db = await createTestDatabase('kp_demo');
    await migrate(db.pool);
    await ensureIdempotencyTable(db.pool);
    codec = (await openTestPersonalData(db.pool)).codec;
    store = new PostgresEventStore(db.pool);
    idempotency = new PostgresIdempotencyStore(db.pool);
    first = await playStory(store, idempotency, codec, { tenant: TENANT, seed: SEED });
    now = new Date();
  }, 60_000);
  afterAll(() => db?.drop());

  it('is deterministic: the same seed gives the same steps, another seed other ids and the same plot', () => {
    expect(buildStory(SEED, SHIFT)).toEqual(STORY);
    const submitted = (steps: typeof STORY) =>
      steps
        .filter((step) => step.command.type === 'SubmitRequest')
        .map((step) => (step.command.data as { caseId: string }).caseId);
    for (let seed = 2; seed <= 8; seed += 1) {
      const other = submitted(buildStory(seed));
      expect(other).toHaveLength(submitted(STORY).length);
      expect(other[0]).not.toBe(submitted(STORY)[0]);
    }
    expect(demoUuid(1, 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sends only bodies the HTTP API would accept, with valid Idempotency-Keys', async () => {
    const problems: string[] = [];
    for (const step of STORY) {
      const dto = plainToInstance(commandDtos[step.command.type as PublicCommandType] as new () => object, {
        ...step.command.data,
        occurredAt: step.at.toISOString(),
      });
      const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      if (errors.length)
        problems.push(
          `${step.key} ${step.command.type}: ${JSON.stringify(errors.map((e) => e.constraints ?? e.children))}`,
        );
      if (!/^[\x21-\x7e]{1,200}$/.test(`demo-${SEED}-${step.key}`))
        problems.push(`${step.key}: not a valid Idempotency-Key`);
    }
    expect(problems).toEqual([]);
  });

  it('plays every step of the story through the command path, in business time', async () => {
    // All of it, except (in a month's first days) the last steps, which still lie ahead.
    expect(first).toMatchObject({
      commands: STORY.filter((step) => step.at <= now).length,
      alreadyLoaded: 0,
      shiftDays: SHIFT,
    });
    expect(first.commands).toBeGreaterThan(600);
    expect(first.appended).toBe(await count('SELECT count(*) AS n FROM kp_events WHERE tenant = $1', [TENANT]));
    expect(first.streamsPerCategory).toEqual({ unit: 3, fund: 3, initiative: 12, case: 21 });
    const span = (
      await db.pool.query(
        `SELECT min(occurred_at) AS first, max(occurred_at) AS last, bool_and(recorded_at > occurred_at) AS backdated,
      bool_and(CASE WHEN metadata->'actor'->>'subject' = 'process-manager' THEN metadata->>'idempotencyKey' LIKE 'reaction:%'
        ELSE metadata->'actor'->>'subject' IN ('demo-data', 'demo-data-second-clerk') END) AS actor,
      bool_and(metadata->>'idempotencyKey' LIKE 'demo-1-%' OR metadata->>'idempotencyKey' LIKE 'reaction:%') AS keyed FROM kp_events WHERE tenant = $1`,
        [TENANT],
      )
    ).rows[0];
    expect(day(span.first) >= SPAN.start).toBe(true);
    expect(day(span.last) <= SPAN.end).toBe(true);
    expect(span).toMatchObject({ backdated: true, actor: true, keyed: true });
  });

  it('tells the story: units, funds, initiatives, cases and their turns', async () => {
    expect(await events('UnitRegistered')).toBe(3);
    expect(await events('UnitRegistered', `(data->>'isContactPoint')::boolean`)).toBe(1);
    expect(await events('StaffTimeBudgetSet')).toBe(37);
    expect(await events('FundOpened')).toBe(3);
    expect(await events('FundBudgetIncreased')).toBe(3);
    expect(await events('InitiativeRegistered')).toBe(12);
    expect(await events('InitiativeProfileUpdated')).toBeGreaterThanOrEqual(4);
    expect(await events('InitiativeDissolved')).toBe(1);
    expect(await events('RequestSubmitted')).toBe(21);
    expect(await events('CaseInstitutionalised')).toBe(1);
    expect(await events('CaseInstitutionalised', `data->>'form' = 'operator_model'`)).toBe(1);
    expect(await events('CaseClosed', `data->>'outcome' = 'withdrawn'`)).toBe(1);
    expect(await events('CaseClosed', `data->>'outcome' = 'declined'`)).toBe(1);
    expect(await events('CaseClosed', `data->>'outcome' = 'merged'`)).toBe(1);
    expect(await events('CaseReopened')).toBe(1);
    expect(
      await events('InterimUseAgreed', `data->>'propertyKind' = 'vacant_shop' AND (data->>'licenceToTry')::boolean`),
    ).toBe(2);
    expect(await events('InterimUseExtended')).toBeGreaterThanOrEqual(5);
    expect(await events('CouncilResolutionLinked')).toBe(3);
    expect(await events('SponsorAssigned')).toBe(3);
    expect(await events('GrantAwarded')).toBeGreaterThanOrEqual(12);
    expect(await events('ApplicationRejected')).toBe(2);
    expect(await events('GrantDisbursed')).toBeGreaterThanOrEqual(12);
    expect(await events('CommitmentWithdrawn')).toBe(3);
    expect(await events('CommitmentRenegotiated')).toBe(4);
    expect(await events('TrustFeedbackRecorded', `data->>'respondent' = 'administration'`)).toBeGreaterThanOrEqual(5);
    expect(await events('TrustFeedbackRecorded', `data->>'respondent' = 'initiative'`)).toBeGreaterThanOrEqual(15);
    expect(await events('StaffTimeLogged')).toBeGreaterThan(20);
    // Handovers: cases whose contact person changed at least once.
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT stream_id FROM kp_events WHERE tenant = $1 AND type = 'ContactPersonAssigned'
      GROUP BY stream_id HAVING count(*) > 1) handed`,
        [TENANT],
      ),
    ).toBeGreaterThanOrEqual(6);
    // Late acknowledgements (> 14 days) and a request never acknowledged.
    expect(
      await count(
        `SELECT count(*) AS n FROM kp_events s JOIN kp_events a ON a.tenant = s.tenant AND a.stream_id = s.stream_id AND a.type = 'RequestAcknowledged'
      WHERE s.tenant = $1 AND s.type = 'RequestSubmitted' AND a.occurred_at - s.occurred_at > interval '14 days'`,
        [TENANT],
      ),
    ).toBe(2);
    expect(
      await count(
        `SELECT count(*) AS n FROM kp_events s WHERE s.tenant = $1 AND s.type = 'RequestSubmitted'
      AND NOT EXISTS (SELECT 1 FROM kp_events a WHERE a.tenant = s.tenant AND a.stream_id = s.stream_id AND a.type = 'RequestAcknowledged')`,
        [TENANT],
      ),
    ).toBe(1);
  });

  it('runs the grant procedure: every application received, four eyes, proofs, a reclaim repaid, every award settled or open for a reason', async () => {
    expect(await events('ApplicationReceived')).toBe(await events('FundingApplied'));
    expect(await events('ApplicationRefused')).toBe(0);
    // Large awards: proposed by the demo's clerk, confirmed by a second one.
    const confirmed = await db.pool.query<{ proposer: string; confirmer: string }>(
      `SELECT p.metadata->'actor'->>'subject' AS proposer, a.metadata->'actor'->>'subject' AS confirmer
       FROM kp_events p JOIN kp_events a ON a.tenant = p.tenant AND a.stream_id = p.stream_id AND a.type = 'GrantAwarded'
         AND a.data->>'applicationId' = p.data->>'applicationId'
       WHERE p.tenant = $1 AND p.type = 'GrantAwardProposed'`,
      [TENANT],
    );
    expect(confirmed.rows.length).toBeGreaterThanOrEqual(1);
    for (const row of confirmed.rows)
      expect(row).toEqual({ proposer: 'demo-data', confirmer: 'demo-data-second-clerk' });
    expect(await events('ProofOfUseSubmitted')).toBeGreaterThanOrEqual(10);
    expect(await events('ProofOfUseReviewed', `data->>'outcome' = 'partially_accepted'`)).toBe(1);
    expect(await events('GrantReclaimed')).toBe(1);
    expect(await events('RepaymentRecorded')).toBe(1);
    // Every award is settled, or open for a visible reason: its proof not due yet, overdue, or waiting for review.
    const { rows } = await db.pool.query<{
      application: string;
      proof_due_on: string;
      settled: boolean;
      proof: boolean;
    }>(
      `SELECT a.data->>'applicationId' AS application, a.data->>'proofDueOn' AS proof_due_on,
         EXISTS (SELECT 1 FROM kp_events x WHERE x.tenant = a.tenant AND x.stream_id = a.stream_id AND x.type = 'ApplicationSettled'
           AND x.data->>'applicationId' = a.data->>'applicationId') AS settled,
         EXISTS (SELECT 1 FROM kp_events x WHERE x.tenant = a.tenant AND x.stream_id = a.stream_id AND x.type = 'ProofOfUseSubmitted'
           AND x.data->>'applicationId' = a.data->>'applicationId') AS proof
       FROM kp_events a WHERE a.tenant = $1 AND a.type = 'GrantAwarded'`,
      [TENANT],
    );
    const reasons = rows.map((row) =>
      row.settled
        ? 'settled'
        : row.proof
          ? 'proof waiting for review'
          : row.proof_due_on < day(now)
            ? 'proof overdue'
            : 'proof not due yet',
    );
    expect(reasons.filter((reason) => reason === 'settled').length).toBeGreaterThanOrEqual(10);
    expect(new Set(reasons)).toEqual(
      new Set(['settled', 'proof waiting for review', 'proof overdue', 'proof not due yet']),
    );
    // The one award never paid out in full gives the rest back when settled.
    expect(await events('ApplicationSettled', `(data->>'releasedCents')::int = 100000`)).toBe(1);
  });

  it('ends in the current month, moved by whole weeks: same gaps, same weekdays, same plot', () => {
    const last = day(STORY.at(-1)!.at);
    expect(last.slice(0, 7)).toBe(day(now).slice(0, 7));
    expect(SHIFT % 7).toBe(0);
    // The last step lies within the week before today, or (in a month's first days) within the week after.
    expect(Math.abs(Date.parse(last) - Date.parse(day(now)))).toBeLessThan(7 * 86_400_000);
    if (last <= day(now)) expect(first.to).toEqual(STORY.at(-1)!.at);
    const written = buildStory(SEED, 0);
    expect(STORY.map((step) => step.key)).toEqual(written.map((step) => step.key));
    for (const [i, step] of STORY.entries()) {
      expect(step.at.getTime() - written[i].at.getTime()).toBe(SHIFT * 86_400_000);
      expect(step.at.getUTCDay()).toBe(written[i].at.getUTCDay());
      expect(step.command.type).toBe(written[i].command.type);
    }
    expect(day(written.at(-1)!.at) <= WRITTEN_END).toBe(true);
    // Dates in bodies move with the steps: a promise due in 30 days is still due in 30 days.
    const dueIn = (steps: typeof STORY) =>
      steps
        .filter((s) => s.command.type === 'MakeCommitment')
        .map((s) => (Date.parse((s.command.data as { dueOn: string }).dueOn) - s.at.getTime()) / 86_400_000);
    expect(dueIn(STORY)).toEqual(dueIn(written));
  });

  it('a run in a later month keeps the dates the tenant was loaded with and adds what came due', async () => {
    const march = new Date('2027-03-10T12:00:00Z');
    const loaded = await playStory(store, idempotency, codec, { tenant: 'spaeter', seed: SEED, now: () => march });
    expect(day(loaded.to!).slice(0, 7)).toBe('2027-03');
    const july = new Date('2027-07-20T12:00:00Z');
    const again = await playStory(store, idempotency, codec, { tenant: 'spaeter', seed: SEED, now: () => july });
    expect(again).toMatchObject({
      shiftDays: loaded.shiftDays,
      appended: 0,
      alreadyLoaded: loaded.commands,
      commands: loaded.commands,
    });
    // A fresh tenant in July gets the story ending in July.
    const fresh = await playStory(store, idempotency, codec, {
      tenant: 'neu',
      seed: SEED,
      now: () => july,
      until: addDays(storySpan(shiftToEndNow(SEED, july)).start, 30),
    });
    expect(day(buildStory(SEED, fresh.shiftDays).at(-1)!.at).slice(0, 7)).toBe('2027-07');
  }, 120_000);

  it('appends nothing when it runs a second time', async () => {
    const before = await count('SELECT count(*) AS n FROM kp_events');
    const second = await playStory(store, idempotency, codec, { tenant: TENANT, seed: SEED });
    expect(second).toMatchObject({ commands: first.commands, appended: 0, alreadyLoaded: first.commands });
    expect(await count('SELECT count(*) AS n FROM kp_events')).toBe(before);
  }, 60_000);

  it('plays a prefix with --until, and more of it on a later run', async () => {
    const upTo = (day: string) => STORY.filter((step) => step.at.toISOString() <= `${day}T23:59:59.999Z`).length;
    const [spring, summer] = [addDays(SPAN.start, 88), addDays(SPAN.start, 179)];
    const early = await playStory(store, idempotency, codec, { tenant: 'vorort', seed: SEED, until: spring });
    expect(day(early.to!) <= spring).toBe(true);
    expect(early).toMatchObject({ commands: upTo(spring), alreadyLoaded: 0, shiftDays: SHIFT });
    const later = await playStory(store, idempotency, codec, { tenant: 'vorort', seed: SEED, until: summer });
    expect(later).toMatchObject({ commands: upTo(summer), alreadyLoaded: early.commands });
    expect(later.appended).toBe(
      (await count(`SELECT count(*) AS n FROM kp_events WHERE tenant = 'vorort'`)) - early.appended,
    );
  }, 60_000);

  it('gives meaningful metrics once projected', async () => {
    const generation = await ensureReadModels(db.pool);
    await new ProcessorRunner(store, db.pool, new ReadModelProjection(generation)).catchUp();
    const queries = new ReadModelQueries(db.pool, () => resolveMetricsSettings());
    // As of now: the story is told by today's metrics.
    const { data: summary } = await queries.summary(TENANT, {});
    expect(summary.cases).toBe(21);
    expect(summary.cases).toBeGreaterThan(15);
    expect(summary.closedPerOutcome).toMatchObject({ withdrawn: 1, declined: 1, merged: 1 });
    expect(summary.institutionalisationRate).toBeGreaterThan(0);
    expect(summary.commitmentReliability.combined).toBeGreaterThan(0);
    expect(summary.commitmentReliability.combined).toBeLessThan(1);
    for (const promisor of ['administration', 'initiative'] as const) {
      const counts = summary.commitments[promisor];
      expect({ promisor, kept: counts.kept > 0, late: counts.late > 0, overdue: counts.overdue > 0 }).toEqual({
        promisor,
        kept: true,
        late: true,
        overdue: true,
      });
    }
    expect(summary.commitments.administration.broken).toBeGreaterThan(0);
    expect(summary.dormantShare).toBeGreaterThan(0);
    expect(summary.dormantShare).toBeLessThan(0.5);
    expect(summary.medianDaysToFirstResponse).not.toBeNull();
    expect(summary.respondedWithinTargetShare).toBeGreaterThan(0);
    expect(summary.respondedWithinTargetShare).toBeLessThan(1);
    expect(summary.medianFundingDecisionDays).not.toBeNull();
    expect(summary.coCreationShare).toBeGreaterThan(0);
    expect(summary.coCreationShare).toBeLessThan(1);
    expect(summary.meanTrustIndex).not.toBeNull();
    expect(summary.meanContinuityIndex).not.toBeNull();

    const caseId = (name: string) => demoUuid(SEED, `case:${name}`);
    const pseudo = await queries.caseMetrics(TENANT, caseId('wilde-allianz-lindenplatz'));
    expect(pseudo?.data).toMatchObject({ pseudoParticipationRisk: true });
    const shrinking = await queries.initiativeMetrics(TENANT, demoUuid(SEED, 'initiative:repairCafe'));
    expect(shrinking?.data.memberRetention).toBeCloseTo(3 / 14, 4);
    const secondYearQ2 = `${Number(SPAN.start.slice(0, 4)) + 1}-Q2`;
    const staffTime = await queries.unitStaffTime(TENANT, demoUuid(SEED, 'unit:anlaufstelle'), secondYearQ2, now);
    expect(staffTime?.data.staffTimeUse).toBeGreaterThan(0);
    const fund = await queries.fund(TENANT, demoUuid(SEED, 'fund:2024'));
    expect(fund?.data).toMatchObject({
      budgetCents: 4_000_000,
      name: `Mit-mach-Fonds ${2024 + Math.round(SHIFT / 365.2425)}`,
    });
    expect(fund?.data.awardedShare).toBeGreaterThan(0);
    expect(fund?.data.disbursedShare).toBeGreaterThan(0);
    // The demo's grant procedure in the fund statements: each adds up, and together they show an
    // overdue proof, a partly accepted proof with its reclaim repaid, and money released by settling.
    const fundIds = (
      await db.pool.query<{ id: string }>(`SELECT id FROM rm_funds WHERE tenant = $1`, [TENANT])
    ).rows.map((row) => row.id);
    expect(fundIds).toHaveLength(3);
    const statements = await Promise.all(fundIds.map(async (id) => (await queries.fundStatement(TENANT, id))!.data));
    for (const s of statements) {
      expect(s.availableCents).toBe(s.budgetCents - s.reservedCents - s.awardedCents + s.releasedCents);
      expect(s.availableCents).toBeGreaterThanOrEqual(0);
    }
    const applications = statements.flatMap((s) => s.applications);
    expect(applications.some((a) => a.proof === 'overdue')).toBe(true);
    expect(applications.some((a) => a.reviewOutcome === 'partially_accepted' && a.reclaimedCents > 0)).toBe(true);
    expect(statements.some((s) => s.releasedCents > 0)).toBe(true);
    expect(summary.proofOverdueShare).toBeGreaterThan(0);
    expect(summary.reclaimRate).toBeGreaterThan(0);
  }, 60_000);
});
