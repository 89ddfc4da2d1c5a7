import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, startApi } from '../support/api-harness';

/**
 * A story with every kind of worklist item at known dates, sent over HTTP with business times, and
 * the worklist read at several moments of an injected clock. Every expected item is worked out by
 * hand from docs/METRICS.md ("Worklist"); winter time, Berlin = UTC+1, default settings
 * (responseTargetDays 14, dormancyDays 90).
 */
describe('the worklist over HTTP', () => {
  let api: ApiHarness;
  let now = new Date('2026-01-12T12:00:00Z');
  const contactPoint = randomUUID();
  const buildingOffice = randomUUID();
  const initiative = randomUUID();
  const caseA = randomUUID(); // submitted 5 Jan, nobody answers until 22 Jan
  const caseB = randomUUID(); // acknowledged, contact person k.schulte (building office), two promises
  const caseC = randomUUID(); // interim use until 15 March, last contact 10 November
  const caseD = randomUUID(); // another municipality's
  const k1 = randomUUID();
  const k2 = randomUUID();
  const agreement = randomUUID();

  const send = async (type: string, body: object, occurredAt: string, tenant = 'musterstadt') => {
    const response = await api.command(type, { ...body, occurredAt }, { tenant });
    expect({ type, status: response.status, body: response.body }).toMatchObject({ status: 200 });
    if (tenant === 'musterstadt') sent = response.body.position;
  };
  /** The position of musterstadt's latest command: an answer reflects it once its position is there. */
  let sent = 0;
  const worklist = async (query = '', subject = 'clerk', tenant = 'musterstadt', accept = 'application/json') => {
    const token = await api.tokenOf(subject, tenant, 'clerk');
    return api.request('GET', `/v1/worklist${query}`, {
      headers: { authorization: `Bearer ${token}`, accept },
    });
  };
  /** The items as `caseId kind refId dueAt overdueDays`, which say everything the story decides. */
  const items = async (query = '', subject = 'clerk', tenant = 'musterstadt') => {
    await api.project();
    let response = await worklist(query, subject, tenant);
    // The read side looks up how far the read models are at most every 100 ms.
    for (let tries = 0; tenant === 'musterstadt' && response.body.position < sent && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await worklist(query, subject, tenant);
    }
    expect(response.status).toBe(200);
    expect(response.body.data.asOf).toBe(now.toISOString());
    return (response.body.data.items as Record<string, unknown>[]).map(
      (item) => `${name(item.caseId)} ${item.kind} ${name(item.refId)} ${item.dueAt} ${item.overdueDays}`,
    );
  };
  const name = (id: unknown) =>
    ({ [caseA]: 'A', [caseB]: 'B', [caseC]: 'C', [caseD]: 'D', [k1]: 'k1', [k2]: 'k2', [agreement]: 'ag' })[
      String(id)
    ] ?? String(id);

  beforeAll(async () => {
    api = await startApi({ clock: () => now });
    await send(
      'RegisterUnit',
      { unitId: contactPoint, name: 'Anlaufstelle', isContactPoint: true },
      '2025-10-01T08:00:00Z',
    );
    await send(
      'RegisterUnit',
      { unitId: buildingOffice, name: 'Bauamt', isContactPoint: false },
      '2025-10-01T08:00:00Z',
    );
    await send(
      'RegisterInitiative',
      { ...commandExamples.RegisterInitiative, initiativeId: initiative },
      '2025-10-01T08:00:00Z',
    );
    const submit = { ...commandExamples.SubmitRequest, initiativeId: initiative };

    await send('SubmitRequest', { ...submit, caseId: caseC, title: 'Ladenlokal' }, '2025-11-03T09:00:00Z');
    await send(
      'AcknowledgeRequest',
      { caseId: caseC, unitId: contactPoint, staffRef: 'm.yilmaz', note: 'Eingang bestätigt' },
      '2025-11-04T09:00:00Z',
    );
    await send(
      'RecordInteraction',
      {
        ...commandExamples.RecordInteraction,
        caseId: caseC,
        interactionId: randomUUID(),
        initiatedBy: 'initiative',
        staffRef: 'm.yilmaz',
        unitId: contactPoint,
      },
      '2025-11-10T09:00:00Z',
    );
    await send(
      'AgreeInterimUse',
      {
        ...commandExamples.AgreeInterimUse,
        caseId: caseC,
        agreementId: agreement,
        startsOn: '2025-12-01',
        endsOn: '2026-03-15',
      },
      '2025-11-10T10:00:00Z',
    );

    await send('SubmitRequest', { ...submit, caseId: caseB, title: 'Gemeinschaftsgarten' }, '2026-01-02T09:00:00Z');
    await send(
      'AcknowledgeRequest',
      { caseId: caseB, unitId: contactPoint, staffRef: 'm.yilmaz', note: 'Eingang bestätigt' },
      '2026-01-03T09:00:00Z',
    );
    await send(
      'AssignContactPerson',
      { caseId: caseB, staffRef: 'k.schulte', unitId: buildingOffice, handoverNote: 'Bauamt übernimmt' },
      '2026-01-03T10:00:00Z',
    );
    await send(
      'MakeCommitment',
      { caseId: caseB, commitmentId: k1, promisor: 'administration', description: 'Prüfung', dueOn: '2026-01-20' },
      '2026-01-03T11:00:00Z',
    );
    await send(
      'MakeCommitment',
      { caseId: caseB, commitmentId: k2, promisor: 'initiative', description: 'Lageplan', dueOn: '2026-01-16' },
      '2026-01-03T11:00:00Z',
    );
    await send(
      'RecordInteraction',
      {
        ...commandExamples.RecordInteraction,
        caseId: caseB,
        interactionId: randomUUID(),
        initiatedBy: 'initiative',
        staffRef: 'k.schulte',
        unitId: buildingOffice,
      },
      '2026-01-08T10:00:00Z',
    );

    await send('SubmitRequest', { ...submit, caseId: caseA, title: 'Hafenfest' }, '2026-01-05T09:00:00Z');
    await send(
      'SubmitRequest',
      { ...submit, caseId: caseD, title: 'Nachbarstadt' },
      '2026-01-05T09:00:00Z',
      'nachbarstadt',
    );
  }, 60_000);

  afterAll(() => api?.close());

  it('12 January: the unanswered request and the promise due on the 20th; the agreement ends beyond 60 days', async () => {
    now = new Date('2026-01-12T12:00:00Z');
    expect(await items()).toEqual([
      'A request_unacknowledged null 2026-01-19T09:00:00.000Z 0',
      'B commitment_due k1 2026-01-20T22:59:59.999Z 0',
    ]);
  });

  it('21 January: both overdue by started days, the agreement within 60 days; per unit, per promisor, per staff member', async () => {
    now = new Date('2026-01-21T12:00:00Z');
    expect(await items()).toEqual([
      'A request_unacknowledged null 2026-01-19T09:00:00.000Z 3',
      'B commitment_overdue k1 2026-01-20T22:59:59.999Z 1',
      'C interim_use_ending ag 2026-03-15T22:59:59.999Z 0',
    ]);
    expect(await items('?promisor=initiative')).toEqual([
      'B commitment_overdue k2 2026-01-16T22:59:59.999Z 5',
      'A request_unacknowledged null 2026-01-19T09:00:00.000Z 3',
      'C interim_use_ending ag 2026-03-15T22:59:59.999Z 0',
    ]);
    expect(await items(`?unitId=${buildingOffice}`)).toEqual(['B commitment_overdue k1 2026-01-20T22:59:59.999Z 1']);
    expect(await items(`?unitId=${contactPoint}`)).toEqual(['C interim_use_ending ag 2026-03-15T22:59:59.999Z 0']);
    expect(await items('?staffRef=k.schulte', 'k.schulte')).toEqual([
      'B commitment_overdue k1 2026-01-20T22:59:59.999Z 1',
    ]);
    expect(await items('?staffRef=m.yilmaz&kind=interim_use_ending', 'm.yilmaz')).toEqual([
      'C interim_use_ending ag 2026-03-15T22:59:59.999Z 0',
    ]);
    expect(await items('?kind=request_unacknowledged')).toEqual([
      'A request_unacknowledged null 2026-01-19T09:00:00.000Z 3',
    ]);
  });

  it('each item names its case, unit, contact person and the metric it hurts', async () => {
    now = new Date('2026-01-21T12:00:00Z');
    const response = await worklist(`?unitId=${buildingOffice}`);
    expect(response.body.data.items).toEqual([
      {
        kind: 'commitment_overdue',
        caseId: caseB,
        caseTitle: 'Gemeinschaftsgarten',
        dueOn: '2026-01-20',
        dueAt: '2026-01-20T22:59:59.999Z',
        overdueDays: 1,
        unitId: buildingOffice,
        staffRef: 'k.schulte',
        promisor: 'administration',
        refId: k1,
        hurts: 'commitmentReliability.administration',
        paused: false,
      },
    ]);
    expect(response.body.position).toBeGreaterThan(0);
    expect(response.headers.get('x-read-model-position')).toBe(String(response.body.position));
  });

  it('pages by cursor (nextCursor and a Link header), with the total; a cursor it did not issue is 404', async () => {
    now = new Date('2026-01-21T12:00:00Z');
    const first = await worklist('?limit=2');
    expect(first.body.data).toMatchObject({ total: 3, nextCursor: expect.any(String) });
    expect(first.body.data.items.map((item: { caseId: string }) => name(item.caseId))).toEqual(['A', 'B']);
    const link = first.headers.get('link');
    expect(link).toMatch(/^<\/v1\/worklist\?limit=2&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
    const second = await worklist(`?limit=2&cursor=${first.body.data.nextCursor}`);
    expect(second.body.data).toMatchObject({ total: 3, nextCursor: null });
    expect(second.body.data.items.map((item: { refId: string }) => name(item.refId))).toEqual(['ag']);
    expect(second.headers.get('link')).toBeNull();
    for (const cursor of ['bm90LWpzb24', Buffer.from('[1,2]').toString('base64url'), '%00']) {
      const bad = await worklist(`?cursor=${cursor}`);
      expect({ cursor, status: bad.status, code: bad.body.code }).toEqual(
        cursor === '%00'
          ? { cursor, status: 400, code: 'REQUEST.INVALID' }
          : { cursor, status: 404, code: 'REQUEST.INVALID_CURSOR' },
      );
    }
  });

  it('after the answer, the fulfilment and the extension: 1 February lists the case going dormant on 8 February', async () => {
    await send(
      'AcknowledgeRequest',
      { caseId: caseA, unitId: contactPoint, staffRef: 'm.yilmaz', note: 'Eingang bestätigt' },
      '2026-01-22T08:00:00Z',
    );
    await send('FulfilCommitment', { caseId: caseB, commitmentId: k1 }, '2026-01-22T09:00:00Z');
    await send(
      'ExtendInterimUse',
      { caseId: caseC, agreementId: agreement, newEndsOn: '2026-06-30' },
      '2026-01-22T10:00:00Z',
    );
    now = new Date('2026-02-01T12:00:00Z');
    expect(await items()).toEqual(['C case_going_dormant null 2026-02-08T09:00:00.000Z 0']);
    // An acknowledgement is no contact: A's silence runs from its submission (5 January + 90 days).
    expect(await items('?within=90')).toEqual([
      'C case_going_dormant null 2026-02-08T09:00:00.000Z 0',
      'A case_going_dormant null 2026-04-05T09:00:00.000Z 0',
      'B case_going_dormant null 2026-04-08T10:00:00.000Z 0',
    ]);
    now = new Date('2026-02-10T12:00:00Z');
    expect(await items()).toEqual(['C case_going_dormant null 2026-02-08T09:00:00.000Z 3']);
  });

  it('another municipality sees only its own; analysts get 403; admins may read', async () => {
    now = new Date('2026-01-12T12:00:00Z');
    expect(await items('', 'clerk', 'nachbarstadt')).toEqual([
      'D request_unacknowledged null 2026-01-19T09:00:00.000Z 0',
    ]);
    const analyst = await api.get('/v1/worklist', 'musterstadt', ['analyst']);
    expect(analyst.status).toBe(403);
    expect(analyst.body.code).toBe('AUTH.FORBIDDEN');
    const admin = await api.get('/v1/worklist', 'musterstadt', ['admin']);
    expect(admin.status).toBe(200);
    expect(admin.body.data.items.map((item: { caseId: string }) => name(item.caseId))).toEqual(['A', 'B']);
  });

  it("staffRef is a clerk's own list: anyone else's is 403 WORKLIST.NOT_OWN_STAFF_REF", async () => {
    const response = await worklist('?staffRef=k.schulte', 'm.yilmaz');
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('WORKLIST.NOT_OWN_STAFF_REF');
  });

  it("with the identity provider's staff_ref claim, that reference is the clerk's own, not the subject", async () => {
    now = new Date('2026-01-12T12:00:00Z');
    await api.project();
    const token = await api.issueToken({
      tenant: 'musterstadt',
      roles: ['clerk'],
      subject: '3f6c2a9e-idp-subject',
      staffRef: 'k.schulte',
    });
    const asClerk = (query: string) =>
      api.request('GET', `/v1/worklist${query}`, { headers: { authorization: `Bearer ${token}` } });
    const own = await asClerk('?staffRef=k.schulte');
    expect(own.status).toBe(200);
    expect(own.body.data.items.map((item: { caseId: string }) => name(item.caseId))).toEqual(['B']);
    const bySubject = await asClerk('?staffRef=3f6c2a9e-idp-subject');
    expect([bySubject.status, bySubject.body.code]).toEqual([403, 'WORKLIST.NOT_OWN_STAFF_REF']);
  });

  it('bad parameters are 400 REQUEST.INVALID naming the parameter', async () => {
    for (const [query, field] of [
      ['?within=-1', 'within'],
      ['?within=367', 'within'],
      ['?within=1.5', 'within'],
      ['?within=abc', 'within'],
      ['?kind=everything', 'kind'],
      ['?unitId=bauamt', 'unitId'],
      ['?promisor=council', 'promisor'],
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?within=14&unknown=1', 'unknown'],
    ]) {
      const response = await worklist(query);
      expect({ query, status: response.status, code: response.body.code }).toEqual({
        query,
        status: 400,
        code: 'REQUEST.INVALID',
      });
      expect(JSON.stringify(response.body.errors)).toContain(field);
    }
  });

  it('answers CSV with fixed columns, German spreadsheets included', async () => {
    now = new Date('2026-01-12T12:00:00Z');
    const response = await worklist('?locale=de', 'clerk', 'musterstadt', 'text/csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="musterstadt-worklist.csv"');
    const rows = parse(String(response.body).replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((row) => [name(row.caseId), row.kind, row.caseTitle, row.dueAt, row.hurts])).toEqual([
      ['A', 'request_unacknowledged', 'Hafenfest', '2026-01-19T09:00:00.000Z', 'daysToFirstResponse'],
      [
        'B',
        'commitment_due',
        'Gemeinschaftsgarten',
        '2026-01-20T22:59:59.999Z',
        'commitmentReliability.administration',
      ],
    ]);
    expect(Object.keys(rows[0])).toEqual([
      'kind',
      'caseId',
      'caseTitle',
      'dueOn',
      'dueAt',
      'overdueDays',
      'unitId',
      'staffRef',
      'promisor',
      'refId',
      'hurts',
      'paused',
    ]);
  });
});
