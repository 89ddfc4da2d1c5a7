import { randomUUID } from 'node:crypto';
import { ApiHarness, startApi } from '../support/api-harness';
import { appendToFundStream, FundEventToStore } from '../support/fund-stream';
import { waitFor } from '../support/wait-for';

type Row = Record<string, unknown> & { applicationId: string };
const COLUMNS = [
  'reservedCents',
  'awardedCents',
  'disbursedCents',
  'acceptedCents',
  'reclaimedCents',
  'repaidCents',
  'releasedCents',
] as const;

/**
 * Paging through a fund's statement, applications and decided applications over HTTP against the
 * embedded PostgreSQL: the pages together are the whole statement, they add up to its totals, and
 * a cursor keeps its pages on the statement it started with while events arrive; a fund statement
 * is computed once for all pages and routes of one read-model position; hostile cursors and other
 * municipalities get a problem, never data.
 */
describe('fund reads in pages (HTTP)', () => {
  let api: ApiHarness;
  const tenant = 'musterstadt';
  const fund = randomUUID();
  /** In applicationId order: an application's index says its procedure and its page. */
  const applications = Array.from({ length: 23 }, () => randomUUID()).sort();

  const analyst = (path: string, headers: Record<string, string> = {}, who = tenant) =>
    api.get(path, who, ['analyst'], headers);
  const append = async (events: FundEventToStore[]) => {
    await appendToFundStream(api, tenant, fund, events);
    await api.project();
  };
  /** Events of one application: received, and by its index awarded (and paid out part) or rejected or left open. */
  const procedure = (applicationId: string, i: number) => {
    const ids = { applicationId, caseId: randomUUID() };
    const day = String(1 + (i % 27)).padStart(2, '0');
    const events = [
      {
        type: 'ApplicationReceived',
        data: { ...ids, amountRequestedCents: 50_000 },
        occurredAt: `2026-02-${day}T08:00:00Z`,
      },
    ];
    if (i % 3 === 0)
      events.push(
        {
          type: 'GrantAwarded',
          data: { ...ids, amountCents: 40_000 + i, proofDueOn: '2026-12-31' } as never,
          occurredAt: `2026-03-${day}T08:00:00Z`,
        },
        {
          type: 'GrantDisbursed',
          data: { ...ids, amountCents: 10_000 + i } as never,
          occurredAt: `2026-04-${day}T08:00:00Z`,
        },
      );
    if (i % 3 === 1)
      events.push({ type: 'ApplicationRejected', data: ids as never, occurredAt: `2026-03-${day}T09:00:00Z` });
    return events;
  };
  const metric = async (name: string) => {
    const text = String((await api.get('/metrics', tenant, [])).body);
    return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
  };
  /** Follows nextCursor from `first` until the last page; every page's body. */
  const allPages = async (first: string) => {
    const pages: { data: Record<string, any>; position: number; link: string | null }[] = [];
    let path: string | null = first;
    while (path !== null && pages.length < 50) {
      const response = await analyst(path);
      expect([path, response.status]).toEqual([path, 200]);
      pages.push({ data: response.body.data, position: response.body.position, link: response.headers.get('link') });
      const next: string | null = response.body.data.nextCursor;
      path = next === null ? null : `${first.split('?')[0]}?${new URL(first, 'http://x').searchParams}&cursor=${next}`;
    }
    return pages;
  };

  beforeAll(async () => {
    api = await startApi();
    const opened = await api.command('OpenFund', {
      fundId: fund,
      name: 'Stadtteilfonds',
      year: 2026,
      budgetCents: 5_000_000,
      occurredAt: '2026-01-01T08:00:00Z',
    });
    expect(opened.status).toBe(200);
    await append(applications.flatMap(procedure));
  });
  afterAll(() => api.close());

  it('the statement page by page is the whole statement, and its pages add up to its totals', async () => {
    const whole = await analyst(`/v1/funds/${fund}/statement?asOf=2026-06-30`);
    expect(whole.status).toBe(200);
    expect(whole.body.data).not.toHaveProperty('nextCursor');
    expect(whole.headers.get('link')).toBeNull();
    const pages = await allPages(`/v1/funds/${fund}/statement?asOf=2026-06-30&limit=5`);
    expect(pages).toHaveLength(5);
    expect(pages.map((p) => p.data.applications.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.slice(0, -1).every((p) => /rel="next"$/.test(String(p.link)))).toBe(true);
    expect(pages.at(-1)?.link).toBeNull();
    const rows: Row[] = pages.flatMap((p) => p.data.applications);
    expect(rows).toEqual(whole.body.data.applications);
    expect(rows.map((r) => r.applicationId)).toEqual([...applications].sort());
    const { applications: _rows, ...fundColumns } = whole.body.data;
    for (const page of pages) {
      expect(page.position).toBe(whole.body.position);
      expect({ ...page.data, applications: undefined, nextCursor: undefined }).toEqual({
        ...fundColumns,
        applications: undefined,
        nextCursor: undefined,
      });
    }
    for (const column of COLUMNS)
      expect([column, rows.reduce((sum, r) => sum + (r[column] as number), 0)]).toEqual([column, fundColumns[column]]);
    expect(fundColumns).toMatchObject({ awardedCents: 8 * 40_000 + (0 + 3 + 6 + 9 + 12 + 15 + 18 + 21) });
    expect(fundColumns.availableCents).toBe(
      fundColumns.budgetCents - fundColumns.reservedCents - fundColumns.awardedCents + fundColumns.releasedCents,
    );
    const csv = await analyst(`/v1/funds/${fund}/statement?asOf=2026-06-30&limit=5`, { accept: 'text/csv' });
    expect(String(csv.body).trim().split('\r\n')).toHaveLength(1 + 1 + 5); // header, the fund, the page
    expect(csv.headers.get('link')).toMatch(/rel="next"$/);
    // The whole statement in CSV (written as a stream): the header, the fund's row, every application's.
    const wholeCsv = await analyst(`/v1/funds/${fund}/statement?asOf=2026-06-30&locale=de`, { accept: 'text/csv' });
    expect([wholeCsv.status, wholeCsv.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    const lines = String(wholeCsv.body).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 1 + applications.length);
    const header = lines[0].replace(/^\uFEFF/, '').split(';');
    const cells = (line: string) => Object.fromEntries(line.split(';').map((value, i) => [header[i], value]));
    expect(cells(lines[1])).toMatchObject({ row: 'fund', awardedCents: String(fundColumns.awardedCents) });
    expect(lines.slice(2).map((line) => cells(line).applicationId)).toEqual(applications);
  });

  it('a cursor keeps its pages on the statement it started with while events arrive; a new walk sees them', async () => {
    const first = await analyst(`/v1/funds/${fund}/statement?limit=10`);
    const before = (await analyst(`/v1/funds/${fund}/statement?asOf=${first.body.data.asOf}`)).body;
    const sorted = applications;
    const late = sorted[17]; // received only (17 % 3 = 2), on the second page
    // A new application next to the thirteenth, so on the second page too.
    const newcomer = `${sorted[12].slice(0, -1)}${sorted[12].endsWith('0') ? '1' : '0'}`;
    await append([
      {
        type: 'ApplicationReceived',
        data: { applicationId: newcomer, caseId: randomUUID(), amountRequestedCents: 1 },
        occurredAt: '2026-02-01T08:00:00Z',
      },
      {
        type: 'GrantAwarded',
        data: { applicationId: late, caseId: randomUUID(), amountCents: 7, proofDueOn: '2026-12-31' },
        occurredAt: '2026-02-01T08:00:00Z',
      },
    ]);
    let cursor = first.body.data.nextCursor;
    const rows: Row[] = [...first.body.data.applications];
    while (cursor !== null) {
      const page = await analyst(`/v1/funds/${fund}/statement?limit=10&cursor=${cursor}`);
      expect([page.status, page.body.position, page.body.data.asOf]).toEqual([
        200,
        first.body.position,
        first.body.data.asOf,
      ]);
      expect(page.body.data.awardedCents).toBe(before.data.awardedCents);
      rows.push(...page.body.data.applications);
      cursor = page.body.data.nextCursor;
    }
    expect(rows).toEqual(before.data.applications);
    // The read models' position is looked up at most every 100 ms.
    await waitFor(async () => (await analyst(`/v1/funds/${fund}/statement`)).body.position > first.body.position);
    const after = (await analyst(`/v1/funds/${fund}/statement`)).body;
    expect(after.data.applications).toHaveLength(applications.length + 1);
    expect(after.data.awardedCents).toBe(before.data.awardedCents + 7);
  });

  it('the fund lists its decided applications a page at a time, in the order they were decided', async () => {
    const whole = (await analyst(`/v1/funds/${fund}?asOf=2026-06-30&limit=1000`)).body.data;
    expect(whole.nextCursor).toBeNull();
    const statement = (await analyst(`/v1/funds/${fund}/statement?asOf=2026-06-30`)).body.data;
    const decidedIds = statement.applications
      .filter((a: Row) => a.awardedAt !== null || a.rejectedAt !== null)
      .map((a: Row) => a.applicationId);
    expect(decidedIds).toHaveLength(17); // 8 awarded, 8 rejected, and the one the test before awarded
    expect(whole.applications.map((a: Row) => a.applicationId).sort()).toEqual(decidedIds);
    const decided = whole.applications.map((a: { decidedAt: string; applicationId: string }) => [
      a.decidedAt,
      a.applicationId,
    ]);
    expect(decided).toEqual([...decided].sort((a, b) => (a.join() < b.join() ? -1 : 1)));
    const pages = await allPages(`/v1/funds/${fund}?asOf=2026-06-30&limit=6`);
    expect(pages.map((p) => p.data.applications.length)).toEqual([6, 6, 5]);
    expect(pages.flatMap((p) => p.data.applications)).toEqual(whole.applications);
    for (const page of pages)
      expect({ ...page.data, applications: [], nextCursor: null }).toEqual({ ...whole, applications: [] });
    // Without limit, a page of 200: all of this fund's decisions, as before pages.
    expect((await analyst(`/v1/funds/${fund}?asOf=2026-06-30`)).body.data).toEqual(whole);
  });

  it('one statement computation answers every page and route of a read-model position', async () => {
    await analyst(`/v1/funds/${fund}/applications?asOf=2026-07-01&limit=1`);
    const misses = await metric('koproduktiv_fund_statement_cache_misses_total');
    const hits = await metric('koproduktiv_fund_statement_cache_hits_total');
    const pages = await allPages(`/v1/funds/${fund}/applications?asOf=2026-07-01&limit=4`);
    expect(pages.length).toBeGreaterThan(5);
    await analyst(`/v1/funds/${fund}?asOf=2026-07-01`);
    await analyst(`/v1/funds/${fund}/statement?asOf=2026-07-01`);
    // Another T with nothing between it and the first: the same statement, with its own asOf.
    const later = await analyst(`/v1/funds/${fund}/statement?asOf=2026-07-02`);
    expect(later.body.data.asOf).toBe('2026-07-02T21:59:59.999Z');
    expect(await metric('koproduktiv_fund_statement_cache_misses_total')).toBe(misses);
    expect(await metric('koproduktiv_fund_statement_cache_hits_total')).toBe(hits + pages.length + 3);
    expect(await metric('koproduktiv_fund_statement_cache_rows')).toBeGreaterThan(applications.length);
  });

  it('hostile cursors are problems, never pages; a too long one is a bad request', async () => {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const valid = (await analyst(`/v1/funds/${fund}/statement?limit=1`)).body.data.nextCursor as string;
    const [ms, position, id] = JSON.parse(Buffer.from(valid, 'base64url').toString());
    const forged = [
      'bm90LWEtY3Vyc29y',
      '%E2%82%AC',
      json([ms, position]),
      json([ms, position, id, id]),
      json([ms, -1, id]),
      json([1e300, position, id]),
      json([ms, position + 1_000_000, id]), // a position the read model has not reached
      json(['1', position, id]),
      json([ms, position, "' OR 1=1 --"]),
      json({ asOfMs: ms }),
    ];
    for (const path of ['', '/statement', '/applications'])
      for (const cursor of forged) {
        const response = await analyst(`/v1/funds/${fund}${path}?limit=2&cursor=${cursor}`);
        expect([path, cursor, response.status, response.headers.get('content-type'), response.body.code]).toEqual([
          path,
          cursor,
          404,
          'application/problem+json; charset=utf-8',
          'REQUEST.INVALID_CURSOR',
        ]);
      }
    for (const path of ['', '/statement', '/applications']) {
      const response = await analyst(`/v1/funds/${fund}${path}?cursor=${'A'.repeat(301)}`);
      expect([path, response.status, response.body.code]).toEqual([path, 400, 'REQUEST.INVALID']);
    }
    // A statement cursor names one key, a decided-list cursor two: neither passes for the other.
    const decided = (await analyst(`/v1/funds/${fund}?limit=1`)).body.data.nextCursor as string;
    expect((await analyst(`/v1/funds/${fund}/statement?cursor=${decided}`)).body.code).toBe('REQUEST.INVALID_CURSOR');
    expect((await analyst(`/v1/funds/${fund}?cursor=${valid}`)).body.code).toBe('REQUEST.INVALID_CURSOR');
  });

  it('another municipality gets nothing, not even with this fund’s cursors', async () => {
    const cursor = (await analyst(`/v1/funds/${fund}/statement?limit=1`)).body.data.nextCursor as string;
    for (const path of ['', '/statement', '/applications']) {
      const response = await analyst(`/v1/funds/${fund}${path}?limit=1&cursor=${cursor}`, {}, 'nachbarort');
      expect([path, response.status, response.body.code]).not.toEqual([path, 200, undefined]);
      expect(JSON.stringify(response.body)).not.toContain(applications[0]);
    }
    const whole = await analyst(`/v1/funds/${fund}/statement`, {}, 'nachbarort');
    expect([whole.status, whole.body.code]).toEqual([404, 'FUND.NOT_FOUND']);
  });
});
