import { randomUUID } from 'node:crypto';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, startApi } from '../support/api-harness';
import { appendToFundStream, FundEventToStore } from '../support/fund-stream';
import { waitFor } from '../support/wait-for';

/**
 * The fund's read side over HTTP: its figures, statement and applications as of T, in JSON and
 * CSV, from events written before the grant procedure existed (awards without ApplicationReceived
 * and without proofDueOn, appended as such stores hold them). Winter time: Berlin = UTC+1.
 */
describe('fund figures, statement and applications (analysts, HTTP)', () => {
  let api: ApiHarness;
  const fund = randomUUID();
  const legacyA = randomUUID();
  const legacyB = randomUUID();
  const rejected = randomUUID();
  const caseId = randomUUID();
  const tenant = 'musterstadt';

  const send = async (type: string, body: object, occurredAt: string) => {
    const response = await api.command(type, { ...body, occurredAt });
    expect({ type, status: response.status, body: response.body }).toMatchObject({ status: 200 });
  };
  /** Appends events to the fund stream as an older version of the service stored them. */
  const storedEarlier = (events: FundEventToStore[]) => appendToFundStream(api, tenant, fund, events);
  const analyst = (path: string, headers: Record<string, string> = {}, who = tenant) =>
    api.get(path, who, ['analyst'], headers);

  beforeAll(async () => {
    api = await startApi();
    await send(
      'OpenFund',
      { fundId: fund, name: 'Mit-mach-Fonds', year: 2026, budgetCents: 1_000_000 },
      '2026-01-01T08:00:00Z',
    );
    await send(
      'IncreaseFundBudget',
      { fundId: fund, amountCents: 200_000, reason: 'Nachtragshaushalt' },
      '2026-03-01T08:00:00Z',
    );
    await storedEarlier([
      {
        type: 'GrantAwarded',
        data: { applicationId: legacyA, caseId, amountCents: 300_000 },
        occurredAt: '2026-01-15T08:00:00Z',
      },
      {
        type: 'GrantDisbursed',
        data: { applicationId: legacyA, caseId, amountCents: 100_000 },
        occurredAt: '2026-02-01T08:00:00Z',
      },
      {
        type: 'GrantAwarded',
        data: { applicationId: legacyB, caseId, amountCents: 50_000 },
        occurredAt: '2026-02-10T08:00:00Z',
      },
    ]);
    await storedEarlier([
      { type: 'ApplicationRejected', data: { applicationId: rejected, caseId }, occurredAt: '2026-02-20T08:00:00Z' },
    ]);
    await api.project();
  });
  afterAll(() => api.close());

  it('the fund as of a date: budget, awarded, disbursed, available and ratios of that day', async () => {
    const { status, body } = await analyst(`/v1/funds/${fund}?asOf=2026-01-31`);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      fundId: fund,
      name: 'Mit-mach-Fonds',
      asOf: '2026-01-31T22:59:59.999Z',
      budgetCents: 1_000_000,
      reservedCents: 0,
      awardedCents: 300_000,
      disbursedCents: 0,
      availableCents: 700_000,
      awardedShare: 0.3,
      disbursedShare: 0,
      proofOverdueShare: null,
      reclaimRate: null,
    });
    expect(body.data.applications).toEqual([
      {
        applicationId: legacyA,
        caseId,
        status: 'awarded',
        awardedCents: 300_000,
        disbursedCents: 0,
        decidedAt: '2026-01-15T08:00:00.000Z',
      },
    ]);
    const now = (await analyst(`/v1/funds/${fund}`)).body.data;
    expect(now).toMatchObject({
      budgetCents: 1_200_000,
      awardedCents: 350_000,
      disbursedCents: 100_000,
      availableCents: 850_000,
    });
    expect(now.applications.map((a: { status: string }) => a.status)).toEqual(['awarded', 'awarded', 'rejected']);
  });

  it('the statement adds up, per application too, from awards stored without application or proof due date', async () => {
    const { status, body, headers } = await analyst(`/v1/funds/${fund}/statement?asOf=2026-03-31`);
    expect(status).toBe(200);
    expect(Number(headers.get('x-read-model-position'))).toBe(body.position);
    const s = body.data;
    expect(s).toMatchObject({
      budgetCents: 1_200_000,
      reservedCents: 0,
      awardedCents: 350_000,
      disbursedCents: 100_000,
      acceptedCents: 0,
      reclaimedCents: 0,
      repaidCents: 0,
      releasedCents: 0,
      availableCents: 850_000,
    });
    expect(s.availableCents).toBe(s.budgetCents - s.reservedCents - s.awardedCents + s.releasedCents);
    const a = s.applications.find((x: { applicationId: string }) => x.applicationId === legacyA);
    expect(a).toMatchObject({
      status: 'awarded',
      requestedCents: null,
      receivedAt: null,
      proofDueOn: null,
      proof: null,
      awardedCents: 300_000,
      disbursedCents: 100_000,
    });
    expect(JSON.stringify(body)).not.toMatch(/Personalkosten|Nachtragshaushalt/);
  });

  it('the statement as CSV: the fund row first, then one row per application', async () => {
    const csv = await analyst(`/v1/funds/${fund}/statement?asOf=2026-03-31&locale=de`, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`musterstadt-fund-${fund}-statement-2026-03-31.csv`);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const header = lines[0].split(';');
    expect(header.slice(0, 4)).toEqual(['row', 'budgetCents', 'availableCents', 'applicationId']);
    expect(lines).toHaveLength(1 + 1 + 3);
    const fundRow = Object.fromEntries(lines[1].split(';').map((value, i) => [header[i], value]));
    expect(fundRow).toMatchObject({
      row: 'fund',
      budgetCents: '1200000',
      availableCents: '850000',
      awardedCents: '350000',
    });
  });

  it('lists applications by procedure state; awards without proofDueOn are neither due nor overdue', async () => {
    const ids = async (query: string) =>
      (await analyst(`/v1/funds/${fund}/applications${query}`)).body.data.applications.map(
        (a: { applicationId: string }) => a.applicationId,
      );
    expect((await ids('?status=awarded')).sort()).toEqual([legacyA, legacyB].sort());
    expect(await ids('?status=rejected')).toEqual([rejected]);
    expect(await ids('?status=awarded&asOf=2026-02-01')).toEqual([legacyA]);
    expect(await ids('?proof=overdue')).toEqual([]);
    expect(await ids('?proof=due')).toEqual([]);
    const csv = await analyst(`/v1/funds/${fund}/applications?status=rejected`, { accept: 'text/csv' });
    expect(String(csv.body).trim().split('\r\n')).toHaveLength(2);
  });

  it('pages the applications by cursor in applicationId order: every one once, the filters kept, the next page linked', async () => {
    const all = (await analyst(`/v1/funds/${fund}/applications`)).body.data;
    expect(all.nextCursor).toBeNull();
    expect(all.applications.map((a: { applicationId: string }) => a.applicationId)).toEqual(
      [legacyA, legacyB, rejected].sort(),
    );
    const pages: { ids: string[]; link: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
      const response = await analyst(`/v1/funds/${fund}/applications${query}`);
      expect(response.status).toBe(200);
      pages.push({
        ids: response.body.data.applications.map((a: { applicationId: string }) => a.applicationId),
        link: response.headers.get('link'),
      });
      cursor = response.body.data.nextCursor;
    } while (cursor !== null && pages.length < 5);
    expect(pages.map((page) => page.ids)).toEqual(
      [all.applications.slice(0, 2), all.applications.slice(2)].map((rows: { applicationId: string }[]) =>
        rows.map((a) => a.applicationId),
      ),
    );
    expect(pages[0].link).toMatch(/^<[^>]*\/v1\/funds\/[^>]*limit=2[^>]*cursor=[^>]+>; rel="next"$/);
    expect(pages[1].link).toBeNull();
    // A filter applies before the page is cut: one awarded application a page, both in two pages.
    const first = (await analyst(`/v1/funds/${fund}/applications?status=awarded&limit=1`)).body.data;
    const second = (await analyst(`/v1/funds/${fund}/applications?status=awarded&limit=1&cursor=${first.nextCursor}`))
      .body.data;
    expect(
      [...first.applications, ...second.applications].map((a: { applicationId: string }) => a.applicationId),
    ).toEqual([legacyA, legacyB].sort());
    expect(second.nextCursor).toBeNull();
    const csv = await analyst(`/v1/funds/${fund}/applications?limit=1`, { accept: 'text/csv' });
    expect(String(csv.body).trim().split('\r\n')).toHaveLength(2);
    expect(csv.headers.get('link')).toMatch(/rel="next"$/);
    const forged = await analyst(`/v1/funds/${fund}/applications?cursor=bm90LWEtY3Vyc29y`);
    expect([forged.status, forged.body.code]).toEqual([404, 'REQUEST.INVALID_CURSOR']);
    for (const limit of ['0', '1001', 'x']) {
      const bad = await analyst(`/v1/funds/${fund}/applications?limit=${limit}`);
      expect([limit, bad.status, bad.body.code]).toEqual([limit, 400, 'REQUEST.INVALID']);
    }
  });

  it('analysts of the tenant only; bad parameters are 400 REQUEST.INVALID; an unknown fund 404', async () => {
    for (const path of ['', '/statement', '/applications']) {
      expect((await analyst(`/v1/funds/${fund}${path}`, {}, 'nachbarort')).status).toBe(404);
      expect((await api.get(`/v1/funds/${fund}${path}`, tenant, ['clerk'])).status).toBe(403);
      expect((await api.get(`/v1/funds/${fund}${path}`, tenant, ['auditor'])).status).toBe(403);
      expect((await analyst(`/v1/funds/${randomUUID()}${path}`)).body.code).toBe('FUND.NOT_FOUND');
      const bad = await analyst(`/v1/funds/${fund}${path}?asOf=2026-02-30`);
      expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST.INVALID']);
    }
    for (const query of ['status=open', 'proof=late', 'status=awarded&status=rejected', 'unknown=1']) {
      const bad = await analyst(`/v1/funds/${fund}/applications?${query}`);
      expect([query, bad.status, bad.body.code]).toEqual([query, 400, 'REQUEST.INVALID']);
    }
  });
});

/**
 * The whole grant procedure sent over HTTP with business times (two clerks for four eyes), read
 * back as of several dates: statement, applications by state and proof, fund metrics, summary and
 * time series. Figures worked out by hand; Berlin is UTC+1 in winter, UTC+2 from 29 March.
 */
describe('the grant procedure read back as of dates (HTTP)', () => {
  let api: ApiHarness;
  let anna: string;
  let ben: string;
  const tenant = 'musterstadt';
  const fundId = randomUUID();
  const caseId = randomUUID();
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];

  const send = async (token: string, type: string, body: object, occurredAt: string) => {
    const response = await api.command(type, { ...body, occurredAt }, { token });
    expect({ type, status: response.status, body: response.body }).toMatchObject({ status: 200 });
  };
  const received = async (applicationId: string) =>
    waitFor(async () =>
      (await api.store.readStream(tenant, `fund-${fundId}`)).some(
        (e) => e.type === 'ApplicationReceived' && e.data.applicationId === applicationId,
      ),
    );
  const analyst = async (path: string, who = tenant) => {
    const response = await api.get(path, who, ['analyst']);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.body.data;
  };

  beforeAll(async () => {
    api = await startApi();
    anna = await api.tokenOf('k.schulte', tenant, 'clerk');
    ben = await api.tokenOf('m.yilmaz', tenant, 'clerk');
    const ids = (applicationId: string) => ({ fundId, applicationId });
    await send(
      anna,
      'OpenFund',
      { fundId, name: 'Mit-mach-Fonds 2026', year: 2026, budgetCents: 2_000_000 },
      '2026-01-02T08:00:00Z',
    );
    await send(anna, 'SubmitRequest', { ...commandExamples.SubmitRequest, caseId }, '2026-01-05T08:00:00Z');
    for (const [applicationId, amountRequestedCents, day] of [
      [a, 300_000, '10'],
      [b, 800_000, '11'],
      [c, 100_000, '12'],
    ] as const) {
      await send(
        anna,
        'ApplyForFunding',
        { caseId, applicationId, fundId, amountRequestedCents, purpose: 'Ausstattung des Treffpunkts' },
        `2026-01-${day}T08:00:00Z`,
      );
      await received(applicationId);
    }
    await send(
      anna,
      'AwardGrant',
      { ...ids(a), amountCents: 250_000, proofDueOn: '2026-03-31', rationale: 'Förderfähig' },
      '2026-01-20T08:00:00Z',
    );
    await send(
      anna,
      'AwardGrant',
      { ...ids(b), amountCents: 600_000, proofDueOn: '2026-02-28' },
      '2026-01-21T08:00:00Z',
    );
    await send(
      anna,
      'RejectApplication',
      { ...ids(c), rationale: 'Personalkosten sind nicht förderfähig' },
      '2026-01-24T08:00:00Z',
    );
    await send(anna, 'DisburseGrant', { ...ids(a), amountCents: 200_000 }, '2026-01-25T08:00:00Z');
    await send(ben, 'ConfirmGrantAward', ids(b), '2026-01-28T08:00:00Z');
    await send(
      anna,
      'SubmitProofOfUse',
      { ...ids(a), spentCents: 150_000, reportRef: 'DMS-2026-4711' },
      '2026-03-20T08:00:00Z',
    );
    await send(
      ben,
      'ReviewProofOfUse',
      { ...ids(a), outcome: 'partially_accepted', acceptedCents: 150_000, rationale: 'Belege nur teilweise' },
      '2026-03-30T08:00:00Z',
    );
    await send(
      anna,
      'ReclaimGrant',
      { ...ids(a), amountCents: 50_000, reason: 'Nicht verwendet' },
      '2026-04-02T08:00:00Z',
    );
    await send(anna, 'RecordRepayment', { ...ids(a), amountCents: 50_000 }, '2026-04-10T08:00:00Z');
    await send(anna, 'SettleApplication', ids(a), '2026-04-20T08:00:00Z');
    await api.project();
  }, 60_000);
  afterAll(() => api.close());

  it('the statement while a large award waits for its second person: reserved, not awarded', async () => {
    const s = await analyst(`/v1/funds/${fundId}/statement?asOf=2026-01-22`);
    expect(s).toMatchObject({
      budgetCents: 2_000_000,
      reservedCents: 600_000,
      awardedCents: 250_000,
      availableCents: 1_150_000,
    });
    const byId = Object.fromEntries(s.applications.map((x: { applicationId: string }) => [x.applicationId, x]));
    expect(byId[b]).toMatchObject({ status: 'proposed', reservedCents: 600_000, requestedCents: 800_000 });
    expect(byId[c]).toMatchObject({ status: 'received', receivedAt: '2026-01-12T08:00:00.000Z' });
  });

  it('the statement after settlement: every column, the identity, each application with status and dates', async () => {
    const s = await analyst(`/v1/funds/${fundId}/statement?asOf=2026-05-01`);
    expect(s).toMatchObject({
      budgetCents: 2_000_000,
      reservedCents: 0,
      awardedCents: 850_000,
      disbursedCents: 200_000,
      acceptedCents: 150_000,
      reclaimedCents: 50_000,
      repaidCents: 50_000,
      releasedCents: 50_000,
      availableCents: 1_200_000,
    });
    const byId = Object.fromEntries(s.applications.map((x: { applicationId: string }) => [x.applicationId, x]));
    expect(byId[a]).toMatchObject({
      caseId,
      status: 'settled',
      requestedCents: 300_000,
      spentCents: 150_000,
      releasedCents: 50_000,
      receivedAt: '2026-01-10T08:00:00.000Z',
      awardedAt: '2026-01-20T08:00:00.000Z',
      proofDueOn: '2026-03-31',
      proofSubmittedAt: '2026-03-20T08:00:00.000Z',
      proofReviewedAt: '2026-03-30T08:00:00.000Z',
      reviewOutcome: 'partially_accepted',
      proof: 'reviewed',
      settledAt: '2026-04-20T08:00:00.000Z',
    });
    expect(byId[b]).toMatchObject({
      status: 'awarded',
      proposedAt: '2026-01-21T08:00:00.000Z',
      awardedAt: '2026-01-28T08:00:00.000Z',
      proofDueOn: '2026-02-28',
      proof: 'overdue',
    });
    expect(byId[c]).toMatchObject({ status: 'rejected', rejectedAt: '2026-01-24T08:00:00.000Z' });
    const text = JSON.stringify(s);
    for (const free of [
      'Förderfähig',
      'Personalkosten',
      'DMS-2026',
      'Belege',
      'Nicht verwendet',
      'Ausstattung',
      'k.schulte',
      'm.yilmaz',
    ])
      expect(text).not.toContain(free);
  });

  it('applications by state and proof: due until the end of proofDueOn in Berlin, overdue after it', async () => {
    const ids = async (query: string) =>
      (await analyst(`/v1/funds/${fundId}/applications?${query}`)).applications.map(
        (x: { applicationId: string }) => x.applicationId,
      );
    expect(await ids('proof=due&asOf=2026-02-28T22:59:59.999Z')).toEqual([a, b].sort());
    expect(await ids('proof=overdue&asOf=2026-02-28T23:00:00Z')).toEqual([b]);
    expect(await ids('proof=due&asOf=2026-02-28T23:00:00Z')).toEqual([a]);
    expect(await ids('proof=overdue&asOf=2026-05-01')).toEqual([b]);
    expect(await ids('proof=due&asOf=2026-05-01')).toEqual([]);
    expect(await ids('status=settled&asOf=2026-05-01')).toEqual([a]);
    expect(await ids('status=proposed&asOf=2026-01-22')).toEqual([b]);
    expect(await ids('status=awarded&proof=overdue&asOf=2026-05-01')).toEqual([b]);
  });

  it('fund metrics, the summary and the time series in METRICS terms', async () => {
    const metrics = {
      proofsPastDue: 2,
      proofsOverdue: 1,
      proofOverdueShare: 0.5,
      daysToProofReview: 10,
      reclaimRate: 0.25,
      repaidShare: 1,
    };
    expect(await analyst(`/v1/funds/${fundId}?asOf=2026-05-01`)).toMatchObject({
      ...metrics,
      awardedShare: 0.425,
      disbursedShare: 200_000 / 850_000,
    });
    expect(await analyst('/v1/metrics/summary?asOf=2026-05-01')).toMatchObject(metrics);
    // the summary's filters select applications with their cases
    expect(await analyst('/v1/metrics/summary?asOf=2026-05-01&category=sport')).toMatchObject({
      proofsPastDue: 0,
      proofOverdueShare: null,
    });
    const series = await analyst('/v1/metrics/timeseries/funds?from=2026-01&to=2026-04');
    expect(
      series.map((p: { month: string; proofOverdueShare: number | null; availableCents: number }) => [
        p.month,
        p.proofOverdueShare,
        p.availableCents,
      ]),
    ).toEqual([
      ['2026-01', null, 1_150_000],
      ['2026-02', null, 1_150_000], // B's proof is due on 28 February itself: the month ends with that day
      ['2026-03', 1, 1_150_000], // likewise A's on 31 March; B's is overdue
      ['2026-04', 0.5, 1_200_000], // A reviewed, B overdue; A settled: 50 000 released
    ]);
    expect((await analyst('/v1/metrics/timeseries?from=2026-03&to=2026-03'))[0]).toMatchObject({
      proofOverdueShare: 1,
      daysToProofReview: 10,
    });
  });

  it('other municipalities see nothing of it', async () => {
    expect((await api.get(`/v1/funds/${fundId}/statement`, 'nachbarort', ['analyst'])).status).toBe(404);
    expect((await api.get(`/v1/funds/${fundId}/applications`, 'nachbarort', ['analyst'])).status).toBe(404);
    expect(await analyst('/v1/metrics/timeseries/funds?from=2026-01&to=2026-04', 'nachbarort')).toEqual([]);
    expect(await analyst('/v1/metrics/summary?asOf=2026-05-01', 'nachbarort')).toMatchObject({
      proofsPastDue: 0,
      reclaimRate: null,
    });
  });
});
