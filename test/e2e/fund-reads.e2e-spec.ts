import { randomUUID } from 'node:crypto';
import { ApiHarness, startApi } from '../support/api-harness';

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
  const storedEarlier = async (events: { type: string; data: object; occurredAt: string }[]) => {
    const stream = `fund-${fund}`;
    await api.store.append(
      tenant,
      stream,
      events.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        schemaVersion: 1,
        occurredAt: new Date(e.occurredAt),
        data: { fundId: fund, ...e.data },
        metadata: {
          actor: { subject: 'clerk-1', role: 'clerk' },
          correlationId: randomUUID(),
          causationId: randomUUID(),
        },
      })),
      await api.store.streamVersion(tenant, stream),
    );
  };
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
    await send(
      'RejectApplication',
      { fundId: fund, applicationId: rejected, caseId, rationale: 'Personalkosten sind nicht förderfähig' },
      '2026-02-20T08:00:00Z',
    );
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
