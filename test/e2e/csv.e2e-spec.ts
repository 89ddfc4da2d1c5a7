import { parse } from 'csv-parse/sync';
import { commandExamples, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { AGGREGATE_COLUMNS, CASE_COLUMNS, TIMESERIES_COLUMNS } from '../../apps/api/src/queries/csv/csv-columns';
import { ApiHarness, sendStory, startApi } from '../support/api-harness';

const names = (columns: readonly { name: string }[]) => columns.map((column) => column.name);

/** CSV answers as a German spreadsheet user gets them, over real HTTP. */
describe('CSV answers', () => {
  let api: ApiHarness;
  const csv = (path: string) => api.get(path, 'musterstadt', ['analyst'], { accept: 'text/csv' });
  const rows = (text: string, delimiter = ',') => parse(text, { bom: true, delimiter }) as string[][];

  beforeAll(async () => {
    api = await startApi();
    await sendStory(api);
    // A second and third case, one with a title a spreadsheet would take for a formula.
    for (const [caseId, title] of [
      ['0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1b01', 'Münsterstraße; "Ecke" Süd'],
      ['0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1b02', '=HYPERLINK("x")'],
    ]) {
      expect((await api.command('SubmitRequest', { ...commandExamples.SubmitRequest, caseId, title })).status).toBe(
        200,
      );
    }
    await api.project();
  });
  afterAll(() => api?.close());

  it('starts with a UTF-8 BOM, is offered as a download and keeps umlauts', async () => {
    const response = await csv('/v1/cases');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="musterstadt-cases.csv"');
    const raw = Buffer.from(
      await (
        await fetch(`${api.baseUrl}/v1/cases`, {
          headers: { accept: 'text/csv', authorization: `Bearer ${await api.token('musterstadt', 'analyst')}` },
        })
      ).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = rows(response.body);
    expect(table[0]).toEqual(names(CASE_COLUMNS));
    expect(table.map((row) => row[names(CASE_COLUMNS).indexOf('title')])).toContain('Münsterstraße; "Ecke" Süd');
    expect(table.map((row) => row[names(CASE_COLUMNS).indexOf('title')])).toContain(`'=HYPERLINK("x")`);
    expect(String(response.body)).toMatch(/\r\n$/);
  });

  it('has the same columns whatever the page holds, none named after an id', async () => {
    for (const path of [
      '/v1/cases',
      '/v1/cases?limit=1',
      '/v1/cases?category=nothing-here',
      '/v1/cases?stage=institutionalised',
    ]) {
      expect({ path, header: rows((await csv(path)).body)[0] }).toEqual({ path, header: names(CASE_COLUMNS) });
    }
    for (const name of [...names(CASE_COLUMNS), ...names(TIMESERIES_COLUMNS)])
      expect(name).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    const full = rows((await csv('/v1/cases')).body);
    expect(full.every((row) => row.length === CASE_COLUMNS.length)).toBe(true);
    const theCase = full.find((row) => row[0] === exampleIds.case)!;
    const cell = (name: string) => theCase[names(CASE_COLUMNS).indexOf(name)];
    expect([
      cell('fundingApplications'),
      cell('fundingAwarded'),
      cell('interimUseAgreements'),
      cell('institutionalisationForm'),
    ]).toEqual(['3', '1', '1', commandExamples.InstitutionaliseCase.form]);
  });

  it('pages through a Link header with rel="next", keeping the filters', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/v1/cases?limit=1&stage=request';
    let pages = 0;
    while (path) {
      const response = await csv(path);
      expect(response.status).toBe(200);
      const table = rows(response.body);
      expect(table).toHaveLength(2);
      seen.push(table[1][0]);
      const link = response.headers.get('link');
      path = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
      if (path) expect(path).toMatch(/^\/v1\/cases\?limit=1&stage=request&cursor=/);
      pages += 1;
    }
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(['0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1b01', '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1b02']);
    const json = await api.get('/v1/cases?limit=2', 'musterstadt', ['analyst']);
    expect(json.headers.get('link')).toBe(
      `</v1/cases?limit=2&cursor=${encodeURIComponent(json.body.data.nextCursor)}>; rel="next"`,
    );
  });

  it('rounds numbers to 4 decimals; ?locale=de gives ; and decimal commas', async () => {
    const json = (await api.get('/v1/metrics/summary?asOf=2030-01-01', 'musterstadt', ['analyst'])).body.data;
    const english = rows((await csv('/v1/metrics/summary?asOf=2030-01-01')).body);
    expect(english[0]).toEqual(names(AGGREGATE_COLUMNS));
    expect(english).toHaveLength(2);
    const german = await csv('/v1/metrics/summary?asOf=2030-01-01&locale=de');
    expect(german.headers.get('content-disposition')).toBe('attachment; filename="musterstadt-summary-2030-01-01.csv"');
    const deutsch = rows(german.body, ';');
    expect(deutsch[0]).toEqual(names(AGGREGATE_COLUMNS));
    const at = (table: string[][], name: string) => table[1][names(AGGREGATE_COLUMNS).indexOf(name)];
    const fractional = names(AGGREGATE_COLUMNS).filter((name) => {
      const value = name.split('.').reduce((inner: any, key) => inner?.[key], json);
      return typeof value === 'number' && !Number.isInteger(value);
    });
    expect(fractional.length).toBeGreaterThan(2);
    for (const name of fractional) {
      const value = name.split('.').reduce((inner: any, key) => inner[key], json) as number;
      expect({ name, en: at(english, name) }).toEqual({ name, en: String(Number(value.toFixed(4))) });
      expect({ name, de: at(deutsch, name) }).toEqual({ name, de: String(Number(value.toFixed(4))).replace('.', ',') });
      expect(at(deutsch, name)).toMatch(/^-?\d+(,\d{1,4})?$/);
    }
    expect(at(english, 'cases')).toBe(String(json.cases));
  });

  it('time series: one row per month, fixed columns; a bad locale is a 400', async () => {
    const response = await csv('/v1/metrics/timeseries?from=2025-11&to=2026-02&locale=de');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="musterstadt-timeseries-2025-11-2026-02.csv"',
    );
    const table = rows(response.body, ';');
    expect(table[0]).toEqual(names(TIMESERIES_COLUMNS));
    expect(table.slice(1).map((row) => row[0])).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    const bad = await csv('/v1/metrics/summary?locale=fr');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
