import { randomUUID } from 'node:crypto';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, startApi } from '../support/api-harness';
import { runNode } from '../support/processes';

/**
 * A scripted story, sent over HTTP with business times, projected, and read back over HTTP. Every
 * expected number below is worked out by hand from METRICS.md (winter time: Berlin = UTC+1).
 */
describe('analysts read metrics over HTTP', () => {
  let api: ApiHarness;
  const contactPoint = randomUUID();
  const buildingOffice = randomUUID();
  const initiative = randomUUID();
  const caseA = randomUUID();
  const caseB = randomUUID();
  const fund = randomUUID();
  const T1 = '2026-02-05T12:00:00.000Z';
  const T2 = '2026-03-01T12:00:00.000Z';

  const send = async (type: string, body: object, occurredAt: string) => {
    const response = await api.command(type, { ...body, occurredAt });
    expect({ type, status: response.status, body: response.body }).toMatchObject({ status: 200 });
  };
  const analyst = (path: string, tenant = 'musterstadt', headers: Record<string, string> = {}) =>
    api.get(path, tenant, ['analyst'], headers);

  beforeAll(async () => {
    api = await startApi();
    await send(
      'RegisterUnit',
      { unitId: contactPoint, name: 'Anlaufstelle', isContactPoint: true },
      '2025-12-01T08:00:00Z',
    );
    await send(
      'RegisterUnit',
      { unitId: buildingOffice, name: 'Bauamt', isContactPoint: false },
      '2025-12-01T08:00:00Z',
    );
    await send('SetStaffTimeBudget', { unitId: buildingOffice, period: '2026-Q1', hours: 30 }, '2025-12-15T08:00:00Z');
    await send(
      'RegisterInitiative',
      { ...commandExamples.RegisterInitiative, initiativeId: initiative },
      '2026-01-02T08:00:00Z',
    );
    await send('ReportActiveMembers', { initiativeId: initiative, activeMembers: 20 }, '2026-01-02T09:00:00Z');
    await send('ReportActiveMembers', { initiativeId: initiative, activeMembers: 15 }, '2026-02-01T09:00:00Z');
    await send(
      'OpenFund',
      { fundId: fund, name: 'Mit-mach-Fonds', year: 2026, budgetCents: 1_000_000 },
      '2026-01-01T08:00:00Z',
    );

    const submit = { ...commandExamples.SubmitRequest, initiativeId: initiative, category: 'stadtteil' };
    await send('SubmitRequest', { ...submit, caseId: caseA }, '2026-01-05T09:00:00Z');
    await send(
      'AcknowledgeRequest',
      { caseId: caseA, unitId: contactPoint, staffRef: 'k.schulte' },
      '2026-01-09T09:00:00Z',
    );
    await send(
      'AssignContactPerson',
      { caseId: caseA, staffRef: 's1', unitId: buildingOffice },
      '2026-01-12T09:00:00Z',
    );
    const interaction = (interactionId: string, initiatedBy: string, participationLevel: string, staffRef: string) => ({
      ...commandExamples.RecordInteraction,
      caseId: caseA,
      interactionId,
      initiatedBy,
      participationLevel,
      staffRef,
      unitId: buildingOffice,
    });
    await send(
      'RecordInteraction',
      interaction(randomUUID(), 'administration', 'collaborate', 's1'),
      '2026-01-15T09:00:00Z',
    );
    const commitment = { caseId: caseA, description: 'Prüfung der Nutzungsänderung' };
    await send(
      'MakeCommitment',
      {
        ...commitment,
        commitmentId: 'a0000000-0000-4000-8000-000000000001',
        promisor: 'administration',
        dueOn: '2026-01-31',
      },
      '2026-01-15T10:00:00Z',
    );
    await send(
      'MakeCommitment',
      {
        ...commitment,
        commitmentId: 'a0000000-0000-4000-8000-000000000002',
        promisor: 'initiative',
        dueOn: '2026-02-10',
      },
      '2026-01-15T10:05:00Z',
    );
    await send(
      'LogStaffTime',
      { caseId: caseA, unitId: buildingOffice, staffRef: 's1', hours: 6, activity: 'Ortstermin' },
      '2026-01-15T11:00:00Z',
    );
    await send('RecordInteraction', interaction(randomUUID(), 'initiative', 'consult', 's1'), '2026-01-25T09:00:00Z');
    await send(
      'FulfilCommitment',
      { caseId: caseA, commitmentId: 'a0000000-0000-4000-8000-000000000001' },
      '2026-01-30T12:00:00Z',
    );
    await send('RecordInteraction', interaction(randomUUID(), 'initiative', 'involve', 's2'), '2026-02-04T09:00:00Z');
    await send(
      'RecordTrustFeedback',
      {
        caseId: caseA,
        respondent: 'initiative',
        scores: { responsiveness: 4, reliability: 4, integrity: 4, openness: 4, fairness: 4 },
      },
      '2026-02-05T09:00:00Z',
    );
    // Recorded last, but it happened on 20 January: as-of metrics go by business time.
    await send('SubmitRequest', { ...submit, caseId: caseB, category: 'kultur' }, '2026-01-20T09:00:00Z');
    await api.project();
  });
  afterAll(() => api.close());

  it("a case's metrics as of T1, with the index components", async () => {
    const { status, body, headers } = await analyst(`/v1/cases/${caseA}/metrics?asOf=${T1}`);
    expect(status).toBe(200);
    expect(Number(headers.get('x-read-model-position'))).toBe(body.position);
    const m = body.data;
    expect(m.asOf).toBe(T1);
    expect(m.contactContinuity).toBeCloseTo(1 / 3, 6); // staff s1, s1, s2: (4 + 1 − 3) / (3 × 2)
    expect(m.contactHandovers).toBe(0);
    expect(m.daysToContactPerson).toBeCloseTo(7, 6);
    expect(m.medianContactGapDays).toBeCloseTo(10, 6); // 01-05, 01-15, 01-25, 02-04
    expect(m.longestSilenceDays).toBeCloseTo(10, 6);
    expect(m.dormant).toBe(false);
    expect(m.daysToFirstResponse).toBeCloseTo(4, 6); // the acknowledgement
    expect(m.respondedWithinTarget).toBe(true);
    expect(m.commitments.administration).toEqual({ kept: 1, late: 0, broken: 0, overdue: 0, open: 0 });
    expect(m.commitments.initiative).toEqual({ kept: 0, late: 0, broken: 0, overdue: 0, open: 1 });
    expect(m.commitmentReliability).toEqual({ administration: 1, initiative: null, combined: 1 });
    expect(m.participation).toEqual({ inform: 0, consult: 1, involve: 1, collaborate: 1, empower: 0 });
    expect(m.coCreationShare).toBeCloseTo(1 / 3, 6);
    expect(m.reciprocityIndex).toBeCloseTo(2 / 3, 6); // s = 2/3: 1 − |4/3 − 1|
    expect(m.perceivedTrust.overall).toBe(4);
    expect(m.stageDays.request).toBeCloseTo(31.125, 6);
    // trustIndex = 100 × (0.25 × (1 − 4/28) + 0.30 × 1 + 0.15 × 0.5 + 0.10 × 2/3 + 0.20 × 0.75)
    expect(m.trustIndex.value).toBeCloseTo(80.5952, 3);
    expect(m.trustIndex.components.responsiveness).toMatchObject({ weight: 0.25 });
    expect(m.trustIndex.components.responsiveness.value).toBeCloseTo(1 - 4 / 28, 6);
    expect(m.trustIndex.components.participation.value).toBeCloseTo(0.5, 6);
    // continuityIndex = 100 × (0.4 × 1/3 + 0.3 × 1 + 0.3 × (1 − 10/180))
    expect(m.continuityIndex.value).toBeCloseTo(71.6667, 3);
  });

  it('the same case as of T2: the initiative missed its due date, so reliability and the trust index fall', async () => {
    const m = (await analyst(`/v1/cases/${caseA}/metrics?asOf=${T2}`)).body.data;
    expect(m.commitments.initiative).toEqual({ kept: 0, late: 0, broken: 0, overdue: 1, open: 0 });
    expect(m.commitmentReliability).toEqual({ administration: 1, initiative: 0, combined: 0.5 });
    expect(m.longestSilenceDays).toBeCloseTo(25.125, 6); // 02-04 09:00 to 03-01 12:00
    expect(m.trustIndex.value).toBeCloseTo(65.5952, 3);
  });

  it('/metrics shows the case history cache: the second question about a case was answered from it', async () => {
    const text = String((await api.get('/metrics', 'musterstadt', [])).body);
    const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(value('koproduktiv_case_history_cache_hits_total')).toBeGreaterThanOrEqual(1);
    expect(value('koproduktiv_case_history_cache_misses_total')).toBeGreaterThanOrEqual(1);
    expect(value('koproduktiv_case_history_cache_entries')).toBeGreaterThanOrEqual(1);
    expect(value('koproduktiv_case_history_cache_bytes')).toBeGreaterThan(0);
    expect(value('koproduktiv_case_history_cache_max_bytes')).toBe(128 * 1024 * 1024);
  });

  it('a backdated case counts from its business time; unanswered, it misses the response target', async () => {
    const m = (await analyst(`/v1/cases/${caseB}/metrics?asOf=${T1}`)).body.data;
    expect(m.daysToFirstResponse).toBeNull();
    expect(m.respondedWithinTarget).toBe(false); // 16.125 days > 14 without a response
    expect(m.contactContinuity).toBeNull();
    expect(m.trustIndex.value).toBeCloseTo(100 * (1 - 16.125 / 28), 3); // the only defined component
    expect(m.continuityIndex.value).toBeCloseTo(100 * ((0.3 * 1 + 0.3 * (1 - 16.125 / 180)) / 0.6), 3);
    const before = await analyst(`/v1/cases/${caseB}/metrics?asOf=2026-01-19`);
    expect(before.status).toBe(404);
  });

  it('the summary pools both cases as of T1, and only the first case as of 10 January', async () => {
    const s = (await analyst(`/v1/metrics/summary?asOf=${T1}`)).body.data;
    expect(s).toMatchObject({
      cases: 2,
      openCases: 2,
      casesPerStage: { request: 2 },
      medianDaysToFirstResponse: 4,
      respondedWithinTargetShare: 0.5,
    });
    expect(s.commitmentReliability).toEqual({ administration: 1, initiative: null, combined: 1 });
    expect(s.meanTrustIndex).toBeCloseTo((80.5952 + 100 * (1 - 16.125 / 28)) / 2, 3);
    expect((await analyst('/v1/metrics/summary?asOf=2026-01-10')).body.data.cases).toBe(1);
    expect((await analyst(`/v1/metrics/summary?asOf=${T1}&category=kultur`)).body.data.cases).toBe(1);
    expect((await analyst(`/v1/metrics/summary?asOf=${T1}&from=2026-01-06&to=2026-01-31`)).body.data.cases).toBe(1);
    expect((await analyst(`/v1/metrics/summary?asOf=${T1}&unitId=${buildingOffice}`)).body.data.cases).toBe(1);
  });

  it("an initiative's metrics include member retention as of T", async () => {
    expect((await analyst(`/v1/initiatives/${initiative}/metrics?asOf=${T1}`)).body.data).toMatchObject({
      cases: 2,
      memberRetention: 0.75,
    });
    expect((await analyst(`/v1/initiatives/${initiative}/metrics?asOf=2026-01-10`)).body.data).toMatchObject({
      cases: 1,
      memberRetention: 1,
    });
  });

  it('monthly time series, staff time use and the fund', async () => {
    const series = (await analyst('/v1/metrics/timeseries?from=2025-12&to=2026-02')).body.data;
    expect(series.map((p: { month: string; cases: number }) => [p.month, p.cases])).toEqual([
      ['2025-12', 0],
      ['2026-01', 2],
      ['2026-02', 2],
    ]);
    const staff = (await analyst(`/v1/units/${buildingOffice}/staff-time?period=2026-Q1&asOf=${T1}`)).body.data;
    expect(staff).toMatchObject({ loggedHours: 6, budgetHours: 30, staffTimeUse: 0.2 });
    expect((await analyst(`/v1/funds/${fund}`)).body.data).toMatchObject({
      budgetCents: 1_000_000,
      awardedCents: 0,
      awardedShare: 0,
    });
  });

  it('each month of the time series carries every fund, unit and initiative, with the summary filters', async () => {
    const series = (await analyst('/v1/metrics/timeseries?from=2025-12&to=2026-02')).body.data;
    expect(series.map((p: { funds: { fundId: string }[] }) => p.funds.map((f) => f.fundId))).toEqual([
      [],
      [fund],
      [fund],
    ]);
    expect(series[1].funds[0]).toMatchObject({ name: 'Mit-mach-Fonds', budgetCents: 1_000_000, awardedShare: 0 });
    // Q1 budget 30 h: a month without its own has a third; 6 h logged in January
    const bauamt = (p: { units: { unitId: string }[] }) => p.units.find((u) => u.unitId === buildingOffice);
    expect(series.map(bauamt)).toMatchObject([
      { period: '2025-12', loggedHours: 0, budgetHours: null, staffTimeUse: null },
      { period: '2026-01', loggedHours: 6, budgetHours: 10, staffTimeUse: 0.6 },
      { period: '2026-02', loggedHours: 0, budgetHours: 10, staffTimeUse: 0 },
    ]);
    expect(series.map((p: { initiatives: { memberRetention: number }[] }) => p.initiatives)).toEqual([
      [],
      [
        {
          initiativeId: initiative,
          name: commandExamples.RegisterInitiative.name,
          latestActiveMembers: 20,
          highestActiveMembers: 20,
          memberRetention: 1,
        },
      ],
      [
        {
          initiativeId: initiative,
          name: commandExamples.RegisterInitiative.name,
          latestActiveMembers: 15,
          highestActiveMembers: 20,
          memberRetention: 0.75,
        },
      ],
    ]);
    expect(series[2]).toMatchObject({ proofsPastDue: 0, proofOverdueShare: null, reclaimRate: null });

    const byUnit = (await analyst(`/v1/metrics/timeseries?from=2026-02&to=2026-02&unitId=${buildingOffice}`)).body.data;
    expect(byUnit[0]).toMatchObject({ cases: 1 });
    expect(byUnit[0].units.map((u: { unitId: string }) => u.unitId)).toEqual([buildingOffice]);
    const byCategory = (await analyst('/v1/metrics/timeseries?from=2026-02&to=2026-02&category=kultur')).body.data;
    expect(byCategory[0]).toMatchObject({ cases: 1 });
    const nobody = (await analyst('/v1/metrics/timeseries?from=2026-02&to=2026-02&category=sport')).body.data;
    expect(nobody[0]).toMatchObject({ cases: 0, initiatives: [] });

    const units = await analyst('/v1/metrics/timeseries/units?from=2026-01&to=2026-02&locale=de', 'musterstadt', {
      accept: 'text/csv',
    });
    const lines = String(units.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('month;unitId;name;loggedHours;budgetHours;staffTimeUse');
    expect(lines).toContain(`2026-01;${buildingOffice};Bauamt;6;10;0,6`);
    const funds = (await analyst('/v1/metrics/timeseries/funds?from=2026-01&to=2026-02')).body.data;
    expect(funds.map((f: { month: string; fundId: string }) => [f.month, f.fundId])).toEqual([
      ['2026-01', fund],
      ['2026-02', fund],
    ]);
    const members = (await analyst('/v1/metrics/timeseries/initiatives?from=2026-02&to=2026-02')).body.data;
    expect(members).toEqual([
      expect.objectContaining({ month: '2026-02', initiativeId: initiative, memberRetention: 0.75 }),
    ]);
    expect((await analyst('/v1/metrics/timeseries/units?from=2026-02&to=2025-01')).status).toBe(400);
    expect((await analyst('/v1/metrics/timeseries/funds?from=2026-02&to=2026-02', 'nachbarort')).body.data).toEqual([]);
  });

  it('lists cases by cursor, with filters, and as CSV', async () => {
    const first = (await analyst('/v1/cases?limit=1')).body.data;
    expect(first.items).toHaveLength(1);
    const second = (await analyst(`/v1/cases?limit=1&cursor=${first.nextCursor}`)).body.data;
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([first.items[0].caseId, second.items[0].caseId].sort()).toEqual([caseA, caseB].sort());
    // The page sends the stored documents as they are: the same as one case asked for alone.
    const page = await analyst('/v1/cases');
    expect(page.headers.get('content-type')).toMatch(/^application\/json/);
    expect(page.headers.get('x-read-model-position')).toBe(String(page.body.position));
    for (const item of page.body.data.items)
      expect(item).toEqual((await analyst(`/v1/cases/${item.caseId}`)).body.data);
    expect(
      (await analyst(`/v1/cases?unitId=${buildingOffice}`)).body.data.items.map((c: { caseId: string }) => c.caseId),
    ).toEqual([caseA]);
    expect(
      (await analyst('/v1/cases?category=kultur')).body.data.items.map((c: { caseId: string }) => c.caseId),
    ).toEqual([caseB]);
    const csv = await analyst('/v1/cases', 'musterstadt', { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(String(csv.body).split('\r\n')[0]).toContain('caseId');
    expect(String(csv.body).trim().split('\r\n')).toHaveLength(3);
    const summaryCsv = await analyst(`/v1/metrics/summary?asOf=${T1}`, 'musterstadt', { accept: 'text/csv' });
    expect(String(summaryCsv.body)).toContain('commitmentReliability.combined');
    expect((await analyst('/v1/cases?cursor=nonsense')).status).toBe(404);
    expect((await analyst('/v1/cases?limit=1000')).status).toBe(400);
    expect((await analyst('/v1/cases?asOf=yesterday&stage=done')).status).toBe(400);
  });

  it('tenancy and roles: own tenant only, no contact data, and clerks need the analyst role too', async () => {
    expect((await analyst(`/v1/cases/${caseA}`, 'nachbarort')).status).toBe(404);
    expect((await analyst(`/v1/metrics/summary?asOf=${T1}`, 'nachbarort')).body.data.cases).toBe(0);
    const profile = await analyst(`/v1/initiatives/${initiative}`);
    expect(profile.status).toBe(200);
    expect(JSON.stringify(profile.body)).not.toMatch(/Demir|buergerverein-nordstadt|contact/i);
    expect((await api.get(`/v1/cases/${caseA}/metrics`, 'musterstadt', ['clerk'])).status).toBe(403);
    expect((await api.get(`/v1/cases/${caseA}/metrics`, 'musterstadt', ['clerk', 'analyst'])).status).toBe(200);
    expect((await api.get('/v1/metrics/summary', 'musterstadt', ['auditor'])).status).toBe(403);
  });

  it('an operator rebuilds the read models over HTTP while queries keep answering; the numbers stay the same', async () => {
    const before = (await analyst(`/v1/cases/${caseA}/metrics?asOf=${T1}`)).body.data;
    for (const role of ['analyst', 'admin']) {
      expect(
        (
          await api.request('POST', '/v1/admin/projections/rebuild', {
            headers: { authorization: `Bearer ${await api.token('musterstadt', role)}` },
          })
        ).status,
      ).toBe(403);
      expect((await api.get('/v1/admin/projections', 'musterstadt', [role])).status).toBe(403);
    }
    const admin = { authorization: `Bearer ${await api.token('musterstadt', 'operator')}` };
    const started = await api.request('POST', '/v1/admin/projections/rebuild', { headers: admin });
    expect(started.status).toBe(202);
    expect((await analyst(`/v1/metrics/summary?asOf=${T1}`)).status).toBe(200); // answering meanwhile
    let state = started.body.state;
    for (let i = 0; i < 200 && state === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      state = (await api.request('GET', '/v1/admin/projections', { headers: admin })).body.rebuild.state;
    }
    expect(state).toBe('succeeded');
    expect((await analyst(`/v1/cases/${caseA}/metrics?asOf=${T1}`)).body.data).toEqual(before);
  });

  it('the projections check CLI finds the read models equal to a replay, and names a row changed behind its back', () => {
    const env = { DATABASE_URL: api.db.url, LOG_LEVEL: 'silent' };
    const ok = runNode('dist/apps/cli/src/main.js', ['projections', 'check'], env);
    expect(ok.stdout).toContain('OK: the live read models equal the replay');
    expect(ok.status).toBe(0);
    return api.db.pool
      .query(`UPDATE rm_cases SET doc = jsonb_set(doc, '{interactions}', '99') WHERE id = $1`, [caseA])
      .then(() => {
        const broken = runNode('dist/apps/cli/src/main.js', ['projections', 'check'], env);
        expect(broken.status).toBe(1);
        expect(broken.stdout).toContain(`DIFFERENT: rm_cases: 1 row(s)`);
        expect(broken.stdout).toContain(`musterstadt ${caseA} (both, different)`);
      });
  });
});
