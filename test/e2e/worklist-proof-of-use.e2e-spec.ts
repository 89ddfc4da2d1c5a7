import { randomUUID } from 'node:crypto';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, startApi } from '../support/api-harness';

/**
 * Proofs of use in the worklist over HTTP, with business times and an injected clock. Every
 * expected item is worked out by hand from docs/METRICS.md ("Worklist", "Funds"): an item per award
 * with a proof date, due at the end of that day in Berlin (UTC+1 in winter, UTC+2 from 29 March),
 * overdue after it, gone once the proof is reviewed; a closed case still owes it, a wait for the
 * initiative does not move it.
 */
describe('proofs of use in the worklist over HTTP', () => {
  let api: ApiHarness;
  let now = new Date('2026-01-09T12:00:00Z');
  const contactPoint = randomUUID();
  const buildingOffice = randomUUID();
  const initiative = randomUUID();
  const fund = randomUUID();
  const otherFund = randomUUID();
  const caseP = randomUUID(); // contact point, m.yilmaz; award a1, proof due 31 March; waits for the initiative from 1 March
  const caseQ = randomUUID(); // building office, k.schulte; award q1, proof due 27 February; closed 10 February
  const caseR = randomUUID(); // another municipality's, award r1
  const a1 = randomUUID();
  const q1 = randomUUID();
  const r1 = randomUUID();

  let sent = 0;
  const send = async (type: string, body: object, occurredAt: string, tenant = 'musterstadt') => {
    const response = await api.command(type, { ...body, occurredAt }, { tenant });
    expect({ type, status: response.status, code: response.body.code }).toEqual({ type, status: 200, code: undefined });
    if (tenant === 'musterstadt') sent = response.body.position;
  };
  const worklist = async (query: string, subject: string, tenant: string) => {
    const token = await api.tokenOf(subject, tenant, 'clerk');
    return api.request('GET', `/v1/worklist${query}`, { headers: { authorization: `Bearer ${token}` } });
  };
  /** The proof-of-use items as `case kind application dueOn dueAt overdueDays paused`. */
  const proofs = async (query = '?within=14', subject = 'clerk', tenant = 'musterstadt') => {
    await api.project();
    let response = await worklist(query, subject, tenant);
    for (let tries = 0; tenant === 'musterstadt' && response.body.position < sent && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await worklist(query, subject, tenant);
    }
    expect(response.status).toBe(200);
    expect(response.body.data.asOf).toBe(now.toISOString());
    return (response.body.data.items as Record<string, unknown>[])
      .filter((item) => String(item.kind).startsWith('proof_of_use'))
      .map(
        (item) =>
          `${name(item.caseId)} ${item.kind} ${name(item.refId)} ${item.dueOn} ${item.dueAt} ${item.overdueDays} ${item.paused}`,
      );
  };
  const name = (id: unknown) =>
    ({ [caseP]: 'P', [caseQ]: 'Q', [caseR]: 'R', [a1]: 'a1', [q1]: 'q1', [r1]: 'r1' })[String(id)] ?? String(id);

  const grant = async (
    tenant: string,
    fundId: string,
    caseId: string,
    applicationId: string,
    proofDueOn: string,
    at: string,
  ) => {
    await send(
      'ApplyForFunding',
      { caseId, applicationId, fundId, amountRequestedCents: 300_000, purpose: 'Zelte' },
      at,
      tenant,
    );
    await send('AwardGrant', { fundId, applicationId, amountCents: 250_000, proofDueOn }, at, tenant);
  };

  beforeAll(async () => {
    api = await startApi({ clock: () => now });
    for (const tenant of ['musterstadt', 'nachbarstadt']) {
      await send(
        'RegisterUnit',
        { unitId: contactPoint, name: 'Anlaufstelle', isContactPoint: true },
        '2025-10-01T08:00:00Z',
        tenant,
      );
      await send(
        'RegisterInitiative',
        { ...commandExamples.RegisterInitiative, initiativeId: initiative },
        '2025-10-01T08:00:00Z',
        tenant,
      );
    }
    await send(
      'RegisterUnit',
      { unitId: buildingOffice, name: 'Bauamt', isContactPoint: false },
      '2025-10-01T08:00:00Z',
    );
    await send(
      'OpenFund',
      { fundId: fund, name: 'Mit-mach-Fonds 2026', year: 2026, budgetCents: 2_000_000 },
      '2026-01-02T08:00:00Z',
    );
    await send(
      'OpenFund',
      { fundId: otherFund, name: 'Nachbarschaftsfonds', year: 2026, budgetCents: 1_000_000 },
      '2026-01-02T08:00:00Z',
      'nachbarstadt',
    );
    const submit = { ...commandExamples.SubmitRequest, initiativeId: initiative };
    const acknowledge = (caseId: string, tenant = 'musterstadt') =>
      send(
        'AcknowledgeRequest',
        { caseId, unitId: contactPoint, staffRef: 'm.yilmaz', note: 'Eingang bestätigt' },
        '2026-01-06T09:00:00Z',
        tenant,
      );

    await send('SubmitRequest', { ...submit, caseId: caseP, title: 'Zeltlager' }, '2026-01-05T09:00:00Z');
    await acknowledge(caseP);
    await send('SubmitRequest', { ...submit, caseId: caseQ, title: 'Hoffest' }, '2026-01-05T09:00:00Z');
    await acknowledge(caseQ);
    await send(
      'AssignContactPerson',
      { caseId: caseQ, staffRef: 'k.schulte', unitId: buildingOffice, handoverNote: 'Bauamt übernimmt' },
      '2026-01-06T10:00:00Z',
    );
    await send(
      'SubmitRequest',
      { ...submit, caseId: caseR, title: 'Nachbarstadt' },
      '2026-01-05T09:00:00Z',
      'nachbarstadt',
    );
    await acknowledge(caseR, 'nachbarstadt');

    await grant('musterstadt', fund, caseP, a1, '2026-03-31', '2026-01-10T10:00:00Z');
    await grant('musterstadt', fund, caseQ, q1, '2026-02-27', '2026-01-10T11:00:00Z');
    await grant('nachbarstadt', otherFund, caseR, r1, '2026-03-31', '2026-01-10T10:00:00Z');
    await send('DisburseGrant', { fundId: fund, applicationId: q1, amountCents: 250_000 }, '2026-01-15T09:00:00Z');
    await send('CloseCase', { ...commandExamples.CloseCase, caseId: caseQ }, '2026-02-10T09:00:00Z');
    await send(
      'AwaitInitiative',
      { caseId: caseP, reason: 'Die Initiative holt Angebote ein.' },
      '2026-03-01T09:00:00Z',
    );
  }, 90_000);

  afterAll(() => api?.close());

  it('9 January, before the awards: nothing', async () => {
    now = new Date('2026-01-09T12:00:00Z');
    expect(await proofs('?within=366')).toEqual([]);
  });

  it('1 February: q1 due within 30 days, a1 not yet; within 14 days neither', async () => {
    now = new Date('2026-02-01T12:00:00Z');
    expect(await proofs('?within=14')).toEqual([]);
    expect(await proofs('?within=30')).toEqual(['Q proof_of_use_due q1 2026-02-27 2026-02-27T22:59:59.999Z 0 false']);
    expect(await proofs('?within=60')).toEqual([
      'Q proof_of_use_due q1 2026-02-27 2026-02-27T22:59:59.999Z 0 false',
      'P proof_of_use_due a1 2026-03-31 2026-03-31T21:59:59.999Z 0 false',
    ]);
  });

  it('20 March: q1 overdue on the closed case, a1 due while its case waits for the initiative (not paused); per unit, staff member and kind', async () => {
    now = new Date('2026-03-20T12:00:00Z');
    // 27 Feb 23:00Z to 20 Mar 12:00Z: 20.5 days, 21 started; 31 March 21:59:59.999Z is 11.4 days ahead
    const q = 'Q proof_of_use_overdue q1 2026-02-27 2026-02-27T22:59:59.999Z 21 false';
    const p = 'P proof_of_use_due a1 2026-03-31 2026-03-31T21:59:59.999Z 0 false';
    expect(await proofs()).toEqual([q, p]);
    expect(await proofs('?within=7')).toEqual([q]);
    expect(await proofs(`?unitId=${buildingOffice}`)).toEqual([q]);
    expect(await proofs(`?unitId=${contactPoint}`)).toEqual([p]);
    expect(await proofs('?staffRef=k.schulte', 'k.schulte')).toEqual([q]);
    expect(await proofs('?staffRef=m.yilmaz', 'm.yilmaz')).toEqual([p]);
    expect(await proofs('?kind=proof_of_use_due')).toEqual([p]);
    expect(await proofs('?kind=proof_of_use_overdue&promisor=initiative')).toEqual([q]);
  });

  it('each item names its case, the application, unit, contact person and proofOverdueShare', async () => {
    now = new Date('2026-03-20T12:00:00Z');
    const response = await worklist(`?kind=proof_of_use_overdue`, 'clerk', 'musterstadt');
    expect(response.body.data.items).toEqual([
      {
        kind: 'proof_of_use_overdue',
        caseId: caseQ,
        caseTitle: 'Hoffest',
        dueOn: '2026-02-27',
        dueAt: '2026-02-27T22:59:59.999Z',
        overdueDays: 21,
        unitId: buildingOffice,
        staffRef: 'k.schulte',
        promisor: null,
        refId: q1,
        hurts: 'proofOverdueShare',
        paused: false,
      },
    ]);
  });

  it('a submitted proof is still owed; its review ends it (1 April: a1 overdue by a day, q1 gone)', async () => {
    await send(
      'SubmitProofOfUse',
      { fundId: fund, applicationId: q1, spentCents: 240_000, reportRef: 'DMS-2026-17' },
      '2026-03-21T09:00:00Z',
    );
    now = new Date('2026-03-22T12:00:00Z');
    expect(await proofs('?kind=proof_of_use_overdue')).toEqual([
      'Q proof_of_use_overdue q1 2026-02-27 2026-02-27T22:59:59.999Z 23 false',
    ]);
    await send(
      'ReviewProofOfUse',
      {
        fundId: fund,
        applicationId: q1,
        outcome: 'partially_accepted',
        acceptedCents: 240_000,
        rationale: 'Belege geprüft',
      },
      '2026-03-25T09:00:00Z',
    );
    now = new Date('2026-04-01T12:00:00Z');
    expect(await proofs()).toEqual(['P proof_of_use_overdue a1 2026-03-31 2026-03-31T21:59:59.999Z 1 false']);
  });

  it('another municipality sees only its own; analysts get 403', async () => {
    now = new Date('2026-03-20T12:00:00Z');
    expect(await proofs('?within=14', 'clerk', 'nachbarstadt')).toEqual([
      'R proof_of_use_due r1 2026-03-31 2026-03-31T21:59:59.999Z 0 false',
    ]);
    expect((await proofs('?within=14')).filter((item) => item.startsWith('R'))).toEqual([]);
    const analyst = await api.get('/v1/worklist?kind=proof_of_use_due', 'musterstadt', ['analyst']);
    expect({ status: analyst.status, code: analyst.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
  });
});
