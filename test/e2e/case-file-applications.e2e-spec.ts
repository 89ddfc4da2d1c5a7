import { randomUUID } from 'node:crypto';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, startApi } from '../support/api-harness';

/**
 * The funding applications in a clerk's case file over HTTP, with business times and an injected
 * clock. Each expectation is worked out by hand from docs/METRICS.md ("Funds"): the proof of use is
 * due until the end of proofDueOn in Berlin (27 February 2026, 23:00 CET = 22:59:59.999Z), overdue
 * after it until its review, also once submitted; a settled application owes nothing. The same rows
 * as the fund's own route and the worklist, by construction; the test holds them side by side.
 */
describe("the case file's funding applications over HTTP", () => {
  let api: ApiHarness;
  let now = new Date('2026-01-11T12:00:00Z');
  const unit = randomUUID();
  const initiative = randomUUID();
  const fund = randomUUID();
  const caseP = randomUUID();
  const caseQ = randomUUID();
  const a1 = randomUUID(); // P: requested 3 000 €, awarded 2 500 €, 2 000 € paid, proof due 27 Feb
  const a2 = randomUUID(); // P: requested 12 000 €, rejected
  const q1 = randomUUID(); // Q's: never in P's file
  const purpose = 'Zelte und Kochgeschirr für das Zeltlager der Jugendgruppe.';
  const awardRationale = 'Förderfähig nach Nr. 3 der Förderrichtlinie.';
  const rejectRationale = 'Personalkosten sind nicht förderfähig.';
  const reviewRationale = 'Belege für 100 € fehlen.';

  let sent = 0;
  const send = async (type: string, body: object, occurredAt: string) => {
    const response = await api.command(type, { ...body, occurredAt });
    expect({ type, status: response.status, code: response.body.code }).toEqual({ type, status: 200, code: undefined });
    sent = response.body.position;
  };
  const read = async (path: string, roles: string[]) => {
    await api.project();
    let response = await api.get(path, 'musterstadt', roles);
    for (let tries = 0; response.status === 200 && response.body.position < sent && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await api.get(path, 'musterstadt', roles);
    }
    expect(response.status).toBe(200);
    return response;
  };
  const fileOf = async (caseId = caseP) =>
    (await read(`/v1/cases/${caseId}`, ['clerk'])).body.data.file.applications as Record<string, unknown>[];
  /** `application status requested awarded disbursed proofDueOn proof submitted outcome settled` per application. */
  const lines = (applications: Record<string, unknown>[]) =>
    applications.map(
      (a) =>
        `${name(a.applicationId)} ${a.status} ${a.requestedCents} ${a.awardedCents} ${a.disbursedCents} ${a.proofDueOn} ${a.proof} ${a.proofSubmittedAt !== null} ${a.reviewOutcome} ${a.settledAt !== null}`,
    );
  const name = (id: unknown) => ({ [a1]: 'a1', [a2]: 'a2', [q1]: 'q1' })[String(id)] ?? String(id);

  beforeAll(async () => {
    api = await startApi({ clock: () => now });
    await send('RegisterUnit', { unitId: unit, name: 'Anlaufstelle', isContactPoint: true }, '2025-10-01T08:00:00Z');
    await send(
      'RegisterInitiative',
      { ...commandExamples.RegisterInitiative, initiativeId: initiative },
      '2025-10-01T08:00:00Z',
    );
    await send(
      'OpenFund',
      { fundId: fund, name: 'Mit-mach-Fonds 2026', year: 2026, budgetCents: 2_000_000 },
      '2026-01-02T08:00:00Z',
    );
    const submit = { ...commandExamples.SubmitRequest, initiativeId: initiative };
    await send('SubmitRequest', { ...submit, caseId: caseP, title: 'Zeltlager' }, '2026-01-05T09:00:00Z');
    await send('SubmitRequest', { ...submit, caseId: caseQ, title: 'Hoffest' }, '2026-01-05T09:00:00Z');
    await send(
      'ApplyForFunding',
      { caseId: caseP, applicationId: a1, fundId: fund, amountRequestedCents: 300_000, purpose },
      '2026-01-10T10:00:00Z',
    );
    await send(
      'ApplyForFunding',
      { caseId: caseQ, applicationId: q1, fundId: fund, amountRequestedCents: 500_000, purpose },
      '2026-01-10T11:00:00Z',
    );
    await send(
      'AwardGrant',
      { fundId: fund, applicationId: a1, amountCents: 250_000, proofDueOn: '2026-02-27', rationale: awardRationale },
      '2026-01-12T10:00:00Z',
    );
    await send('DisburseGrant', { fundId: fund, applicationId: a1, amountCents: 200_000 }, '2026-01-15T09:00:00Z');
    await send(
      'ApplyForFunding',
      { caseId: caseP, applicationId: a2, fundId: fund, amountRequestedCents: 1_200_000, purpose },
      '2026-01-16T10:00:00Z',
    );
    await send(
      'RejectApplication',
      { fundId: fund, applicationId: a2, rationale: rejectRationale },
      '2026-01-20T10:00:00Z',
    );
    await send(
      'SubmitProofOfUse',
      { fundId: fund, applicationId: a1, spentCents: 190_000, reportRef: 'DMS-2026-17' },
      '2026-03-02T09:00:00Z',
    );
    await send(
      'ReviewProofOfUse',
      {
        fundId: fund,
        applicationId: a1,
        outcome: 'partially_accepted',
        acceptedCents: 180_000,
        rationale: reviewRationale,
      },
      '2026-03-10T09:00:00Z',
    );
    await send(
      'ReclaimGrant',
      { ...commandExamples.ReclaimGrant, fundId: fund, applicationId: a1, amountCents: 20_000 },
      '2026-03-12T09:00:00Z',
    );
    await send('RecordRepayment', { fundId: fund, applicationId: a1, amountCents: 20_000 }, '2026-03-15T09:00:00Z');
    await send('SettleApplication', { fundId: fund, applicationId: a1 }, '2026-03-20T09:00:00Z');
  }, 90_000);

  afterAll(() => api?.close());

  it('11 January: a1 received with its requested amount, nothing awarded, no proof owed', async () => {
    now = new Date('2026-01-11T12:00:00Z');
    expect(lines(await fileOf())).toEqual(['a1 received 300000 0 0 null null false null false']);
  });

  it('1 February: a1 awarded and partly paid, its proof due on 27 February; a2 rejected', async () => {
    now = new Date('2026-02-01T12:00:00Z');
    expect(lines(await fileOf())).toEqual([
      'a1 awarded 300000 250000 200000 2026-02-27 due false null false',
      'a2 rejected 1200000 0 0 null null false null false',
    ]);
  });

  it('the last minute of 27 February in Berlin the proof is still due; the next it is overdue, as in the worklist', async () => {
    now = new Date('2026-02-27T22:59:00Z');
    expect(lines(await fileOf())[0]).toBe('a1 awarded 300000 250000 200000 2026-02-27 due false null false');
    now = new Date('2026-02-27T23:00:00Z');
    expect(lines(await fileOf())[0]).toBe('a1 awarded 300000 250000 200000 2026-02-27 overdue false null false');
    const clerk = await api.tokenOf('clerk', 'musterstadt', 'clerk');
    const worklist = await api.request('GET', '/v1/worklist?kind=proof_of_use_overdue', {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(worklist.body.data.items.map((item: { refId: string }) => name(item.refId))).toEqual(['a1']);
  });

  it('5 March: submitted but not reviewed, the proof stays overdue and shows when it came in', async () => {
    now = new Date('2026-03-05T12:00:00Z');
    const [a] = await fileOf();
    expect(lines([a])).toEqual(['a1 awarded 300000 250000 200000 2026-02-27 overdue true null false']);
    expect(a).toMatchObject({ proofSubmittedAt: '2026-03-02T09:00:00.000Z', spentCents: 190_000 });
  });

  it('12 March: reviewed as partially accepted, 200 € reclaimed', async () => {
    now = new Date('2026-03-12T12:00:00Z');
    const [a] = await fileOf();
    expect(lines([a])).toEqual(['a1 awarded 300000 250000 200000 2026-02-27 reviewed true partially_accepted false']);
    expect(a).toMatchObject({ acceptedCents: 180_000, reclaimedCents: 20_000, repaidCents: 0 });
  });

  it("25 March: settled, the unpaid 500 € released; every row equals the fund's own, with the fund named", async () => {
    now = new Date('2026-03-25T12:00:00Z');
    const file = await fileOf();
    expect(lines(file)).toEqual([
      'a1 settled 300000 250000 200000 2026-02-27 reviewed true partially_accepted true',
      'a2 rejected 1200000 0 0 null null false null false',
    ]);
    expect(file[0]).toMatchObject({ fundId: fund, fundName: 'Mit-mach-Fonds 2026', releasedCents: 50_000 });
    const fundRows = (await read(`/v1/funds/${fund}/applications`, ['analyst'])).body.data.applications as Record<
      string,
      unknown
    >[];
    // The fund lists by applicationId, the case file by when each was received: compared by id.
    const byId = (rows: Record<string, unknown>[]) =>
      Object.fromEntries(rows.map((row) => [row.applicationId as string, row]));
    expect(byId(file.map(({ fundId: _f, fundName: _n, ...row }) => row))).toEqual(
      byId(fundRows.filter((row) => row.caseId === caseP)),
    );
    expect(fundRows.filter((row) => row.caseId === caseP)).toHaveLength(2);
    expect(lines(await fileOf(caseQ))).toEqual(['q1 received 500000 0 0 null null false null false']);
  });

  it('carries no purpose, rationale or reason; analysts get the case without the file, as before', async () => {
    now = new Date('2026-03-25T12:00:00Z');
    const clerk = JSON.stringify(await fileOf());
    const analyst = await read(`/v1/cases/${caseP}`, ['analyst']);
    expect(analyst.body.data.file).toBeUndefined();
    expect(analyst.body.data.fundingApplications[a1]).toMatchObject({ status: 'awarded', awardedCents: 250_000 });
    const texts = [purpose, awardRationale, rejectRationale, reviewRationale, commandExamples.ReclaimGrant.reason];
    for (const answer of [clerk, JSON.stringify(analyst.body)]) {
      expect(texts.filter((text) => answer.includes(text))).toEqual([]);
    }
  });
});
