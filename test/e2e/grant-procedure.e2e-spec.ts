import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@koproduktiv/domain';
import { commandExamples, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, ApiResponse, startApi } from '../support/api-harness';

const TENANT = 'musterstadt';

/**
 * The grant procedure over real HTTP and PostgreSQL, the process manager receiving each
 * application: award within the request, four eyes with two clerks (two token subjects), proof of
 * use, review, reclaim, repayment, settlement, and what the auditor's case timeline shows.
 */
describe('grant procedure over HTTP', () => {
  let api: ApiHarness;
  let anna: string;
  let ben: string;
  const fundId = randomUUID();
  const caseId = randomUUID();

  const as = (token: string) => (type: string, body: object) => api.command(type, body, { token });
  const ok = (response: ApiResponse, type: string) => {
    expect({ type, status: response.status, body: response.body }).toMatchObject({ type, status: 200 });
    return response.body as { events: { type: string }[] };
  };
  const refused = (response: ApiResponse, code: string, status = 409) =>
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  const apply = async (applicationId: string, amountRequestedCents: number, fund = fundId) =>
    ok(
      await as(anna)('ApplyForFunding', {
        caseId,
        applicationId,
        fundId: fund,
        amountRequestedCents,
        purpose: 'Ausstattung des Treffpunkts',
      }),
      'ApplyForFunding',
    );

  beforeAll(async () => {
    api = await startApi();
    anna = await api.tokenOf('k.schulte', TENANT, 'clerk');
    ben = await api.tokenOf('m.yilmaz', TENANT, 'clerk');
    ok(
      await as(anna)('OpenFund', { fundId, name: 'Mit-mach-Fonds 2026', year: 2026, budgetCents: 2_000_000 }),
      'OpenFund',
    );
    ok(await as(anna)('SubmitRequest', { ...commandExamples.SubmitRequest, caseId }), 'SubmitRequest');
  }, 60_000);
  afterAll(() => api.close());

  it('awards within the request, the budget and with a proof date; pays, reviews, reclaims, is repaid and settles', async () => {
    const applicationId = randomUUID();
    await apply(applicationId, 300_000);
    const award = { fundId, applicationId, amountCents: 300_000, proofDueOn: '2026-12-31' };
    refused(await as(anna)('AwardGrant', { ...award, amountCents: 300_001 }), 'FUND.AMOUNT_EXCEEDS_REQUEST');
    refused(await as(anna)('AwardGrant', { ...award, caseId: exampleIds.case }), 'FUND.CASE_MISMATCH');
    const { proofDueOn: _, ...withoutDate } = award;
    const missing = await as(anna)('AwardGrant', withoutDate);
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 400, code: 'REQUEST.INVALID' });
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('proofDueOn');
    refused(await as(anna)('AwardGrant', { ...award, applicationId: randomUUID() }), 'FUND.APPLICATION_NOT_RECEIVED');

    expect(ok(await as(anna)('AwardGrant', { ...award, caseId }), 'AwardGrant').events).toEqual([
      expect.objectContaining({ type: 'GrantAwarded' }),
    ]);
    refused(await as(anna)('AwardGrant', award), 'FUND.APPLICATION_ALREADY_DECIDED');
    ok(await as(anna)('DisburseGrant', { fundId, applicationId, amountCents: 200_000 }), 'DisburseGrant');
    refused(await as(anna)('SettleApplication', { fundId, applicationId }), 'FUND.PROOF_NOT_REVIEWED');
    const bad = await as(anna)('SubmitProofOfUse', {
      fundId,
      applicationId,
      spentCents: 190_000,
      reportRef: 'Bericht von Frau X',
    });
    expect({ status: bad.status, fields: bad.body.errors.map((e: { field: string }) => e.field) }).toEqual({
      status: 400,
      fields: ['reportRef'],
    });
    ok(
      await as(anna)('SubmitProofOfUse', {
        fundId,
        applicationId,
        spentCents: 190_000,
        reportRef: 'DMS-2026-4711',
        volunteerHours: 80,
      }),
      'SubmitProofOfUse',
    );
    const review = { fundId, applicationId, outcome: 'accepted', acceptedCents: 150_000, rationale: 'Belege geprüft' };
    refused(await as(ben)('ReviewProofOfUse', review), 'FUND.OUTCOME_CONTRADICTS_AMOUNT');
    ok(await as(ben)('ReviewProofOfUse', { ...review, outcome: 'partially_accepted' }), 'ReviewProofOfUse');
    refused(
      await as(anna)('ReclaimGrant', { fundId, applicationId, amountCents: 50_001, reason: 'Nicht verwendet' }),
      'FUND.RECLAIM_EXCEEDS_UNACCEPTED',
    );
    ok(
      await as(anna)('ReclaimGrant', { fundId, applicationId, amountCents: 50_000, reason: 'Nicht verwendet' }),
      'ReclaimGrant',
    );
    refused(await as(anna)('SettleApplication', { fundId, applicationId }), 'FUND.REPAYMENT_OUTSTANDING');
    refused(
      await as(anna)('RecordRepayment', { fundId, applicationId, amountCents: 50_001 }),
      'FUND.REPAYMENT_EXCEEDS_RECLAIM',
    );
    ok(await as(anna)('RecordRepayment', { fundId, applicationId, amountCents: 50_000 }), 'RecordRepayment');
    expect(ok(await as(anna)('SettleApplication', { fundId, applicationId }), 'SettleApplication').events).toEqual([
      expect.objectContaining({ type: 'ApplicationSettled' }),
    ]);
    const settled = (await api.store.readStream(TENANT, `fund-${fundId}`)).at(-1)!;
    expect(settled.data).toEqual({ fundId, applicationId, caseId, releasedCents: 100_000 });
    refused(await as(anna)('DisburseGrant', { fundId, applicationId, amountCents: 1 }), 'FUND.APPLICATION_SETTLED');
  });

  it('four eyes: a large award is only proposed; the proposer cannot confirm it, a second clerk can', async () => {
    const applicationId = randomUUID();
    await apply(applicationId, 800_000);
    const proposal = await as(anna)('AwardGrant', {
      fundId,
      applicationId,
      amountCents: 600_000,
      proofDueOn: '2027-03-31',
    });
    expect(ok(proposal, 'AwardGrant').events).toEqual([expect.objectContaining({ type: 'GrantAwardProposed' })]);
    refused(await as(anna)('DisburseGrant', { fundId, applicationId, amountCents: 1 }), 'FUND.APPLICATION_NOT_AWARDED');
    refused(await as(anna)('ConfirmGrantAward', { fundId, applicationId }), 'FUND.FOUR_EYES_SAME_PERSON');
    const confirmed = await as(ben)('ConfirmGrantAward', { fundId, applicationId });
    expect(ok(confirmed, 'ConfirmGrantAward').events).toEqual([expect.objectContaining({ type: 'GrantAwarded' })]);
    const [proposed, awarded] = (await api.store.readStream(TENANT, `fund-${fundId}`)).slice(-2);
    expect(proposed.metadata.actor).toEqual({ subject: 'k.schulte', role: 'clerk' });
    expect(awarded.metadata.actor).toEqual({ subject: 'm.yilmaz', role: 'clerk' });
    expect(awarded.data).toMatchObject({ amountCents: 600_000, proofDueOn: '2027-03-31', proposedBy: 'k.schulte' });
    refused(await as(ben)('ConfirmGrantAward', { fundId, applicationId }), 'FUND.NO_AWARD_PROPOSED');
  });

  it('reserves a proposal against the budget until it is withdrawn', async () => {
    const applicationId = randomUUID();
    const small = randomUUID();
    await apply(applicationId, 1_500_000);
    await apply(small, 1_500_000);
    // Budget 2 000 000: 300 000 (100 000 of it released by the settlement) and 600 000 awarded above: 1 200 000 left.
    ok(
      await as(anna)('AwardGrant', { fundId, applicationId, amountCents: 1_000_000, proofDueOn: '2027-03-31' }),
      'AwardGrant',
    );
    refused(
      await as(ben)('AwardGrant', { fundId, applicationId: small, amountCents: 200_001, proofDueOn: '2027-03-31' }),
      'FUND.BUDGET_EXCEEDED',
    );
    ok(
      await as(ben)('WithdrawGrantProposal', { fundId, applicationId, reason: 'Finanzplan unklar' }),
      'WithdrawGrantProposal',
    );
    ok(
      await as(ben)('AwardGrant', { fundId, applicationId: small, amountCents: 400_000, proofDueOn: '2027-03-31' }),
      'AwardGrant',
    );
  });

  it('refuses an application to a closed fund and to an unknown one, and the case timeline shows the whole procedure', async () => {
    const closedFund = randomUUID();
    ok(
      await as(anna)('OpenFund', { fundId: closedFund, name: 'Fonds 2025', year: 2025, budgetCents: 100_000 }),
      'OpenFund',
    );
    ok(await as(anna)('CloseFund', { fundId: closedFund }), 'CloseFund');
    refused(await as(anna)('CloseFund', { fundId: closedFund }), 'FUND.ALREADY_CLOSED');
    const late = randomUUID();
    const unknown = randomUUID();
    await apply(late, 50_000, closedFund);
    await apply(unknown, 50_000, randomUUID());
    refused(
      await as(anna)('AwardGrant', {
        fundId: closedFund,
        applicationId: late,
        amountCents: 1,
        proofDueOn: '2026-12-31',
      }),
      'FUND.APPLICATION_NOT_RECEIVED',
    );

    const timeline = await api.get(`/v1/audit/cases/${caseId}/timeline?limit=200`, TENANT, ['auditor']);
    expect(timeline.status).toBe(200);
    const events = timeline.body.events as { type: string; data: Record<string, unknown> }[];
    const refusals = events
      .filter((e) => e.type === 'ApplicationRefused')
      .map((e) => [e.data.applicationId, e.data.code]);
    expect(refusals).toEqual([
      [late, 'FUND.CLOSED'],
      [unknown, 'FUND.NOT_FOUND'],
    ]);
    const fundEvents = events
      .filter((e) => !['RequestSubmitted', 'FundingApplied'].includes(e.type))
      .map((e) => e.type);
    expect(new Set(fundEvents)).toEqual(
      new Set([
        'ApplicationReceived',
        'GrantAwarded',
        'GrantDisbursed',
        'ProofOfUseSubmitted',
        'ProofOfUseReviewed',
        'GrantReclaimed',
        'RepaymentRecorded',
        'ApplicationSettled',
        'GrantAwardProposed',
        'GrantProposalWithdrawn',
        'ApplicationRefused',
      ]),
    );
    // Free texts are the case's narratives: the auditor reads them in clear, sealed in the store.
    const review = events.find((e) => e.type === 'ProofOfUseReviewed')!;
    expect(review.data.rationale).toBe('Belege geprüft');
    const stored = (await api.store.readStream(TENANT, `fund-${fundId}`)).find((e) => e.type === 'ProofOfUseReviewed')!;
    expect(stored.data.rationale).toEqual({ $sealed: expect.any(Object) });
    expect(stored.data.acceptedCents).toBe(150_000);
  });

  it('continues the procedure of a store written before it: an award of version 1 without proofDueOn, never received', async () => {
    const oldFund = randomUUID();
    const oldCase = randomUUID();
    const awardedApp = randomUUID();
    const rejectedApp = randomUUID();
    const at = new Date('2025-03-01T10:00:00Z');
    const write = async (streamId: string, events: DomainEvent[], schemaVersion = 1) => {
      const data = await api.personalData.codec.encode(TENANT, events, at);
      await api.store.append(
        TENANT,
        streamId,
        events.map((event, i) => ({
          eventId: randomUUID(),
          type: event.type,
          schemaVersion,
          data: data[i],
          occurredAt: at,
          metadata: {
            actor: { subject: 'old-clerk', role: 'clerk' },
            correlationId: randomUUID(),
            causationId: randomUUID(),
          },
        })),
        'no_stream',
      );
    };
    // As the version before the grant procedure wrote them: no ApplicationReceived, GrantAwarded without proofDueOn.
    await write(`fund-${oldFund}`, [
      { type: 'FundOpened', data: { fundId: oldFund, name: 'Mit-mach-Fonds 2025', year: 2025, budgetCents: 500_000 } },
      {
        type: 'GrantAwarded',
        data: { fundId: oldFund, applicationId: awardedApp, caseId: oldCase, amountCents: 200_000 },
      },
      {
        type: 'ApplicationRejected',
        data: { fundId: oldFund, applicationId: rejectedApp, caseId: oldCase, rationale: 'Nicht förderfähig' },
      },
    ] as unknown as DomainEvent[]);
    await write(`case-${oldCase}`, [
      { type: 'RequestSubmitted', data: { ...commandExamples.SubmitRequest, caseId: oldCase } },
      {
        type: 'FundingApplied',
        data: {
          caseId: oldCase,
          applicationId: awardedApp,
          fundId: oldFund,
          amountRequestedCents: 250_000,
          purpose: 'Werkzeug',
        },
      },
    ] as DomainEvent[]);

    const state = await api.get(`/v1/audit/streams/fund-${oldFund}/state`, TENANT, ['auditor']);
    expect(state.status).toBe(200);
    expect(state.body.state.applications[awardedApp]).toMatchObject({
      status: 'awarded',
      requestedCents: null,
      awardedCents: 200_000,
    });
    const events = await api.get(`/v1/audit/streams/fund-${oldFund}/events`, TENANT, ['auditor']);
    expect(events.body.events.find((e: { type: string }) => e.type === 'GrantAwarded').data).toMatchObject({
      proofDueOn: null,
    });

    ok(
      await as(anna)('DisburseGrant', { fundId: oldFund, applicationId: awardedApp, amountCents: 150_000 }),
      'DisburseGrant',
    );
    ok(
      await as(anna)('SubmitProofOfUse', {
        fundId: oldFund,
        applicationId: awardedApp,
        spentCents: 150_000,
        reportRef: 'VN-ALT-1',
      }),
      'SubmitProofOfUse',
    );
    ok(
      await as(ben)('ReviewProofOfUse', {
        fundId: oldFund,
        applicationId: awardedApp,
        outcome: 'accepted',
        acceptedCents: 150_000,
        rationale: 'Geprüft',
      }),
      'ReviewProofOfUse',
    );
    ok(await as(anna)('SettleApplication', { fundId: oldFund, applicationId: awardedApp }), 'SettleApplication');
    refused(
      await as(anna)('RejectApplication', { fundId: oldFund, applicationId: rejectedApp, rationale: 'Nochmals' }),
      'FUND.APPLICATION_ALREADY_DECIDED',
    );
    // The process manager meets the old FundingApplied of an application the fund decided long ago: it receives nothing twice.
    const applied = (await api.store.readStream(TENANT, `case-${oldCase}`)).at(-1)!.position;
    const reactedUpTo = async () =>
      Number(
        (await api.db.pool.query(`SELECT position FROM kp_checkpoints WHERE name = 'reactions'`)).rows[0]?.position ??
          0,
      );
    const started = Date.now();
    while ((await reactedUpTo()) < applied) {
      if (Date.now() - started > 10_000) throw new Error('the process manager did not pass the old FundingApplied');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await api.store.readStream(TENANT, `fund-${oldFund}`)).map((e) => e.type)).not.toContain(
      'ApplicationReceived',
    );

    await api.project();
    const fund = await api.get(`/v1/funds/${oldFund}`, TENANT, ['analyst']);
    expect(fund.status).toBe(200);
    expect(fund.body.data).toMatchObject({ awardedCents: 200_000, disbursedCents: 150_000 });
  });
});
