import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandExamples, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { personalDataOf } from '@koproduktiv/domain';
import { drain } from '@koproduktiv/event-store/testing';
import { toIntegrationMessage } from '@koproduktiv/messaging';
import { rebuildReadModels } from '@koproduktiv/projections';
import { ApiHarness, sendStory, startApi } from '../support/api-harness';
import { runNode } from '../support/processes';

const TENANT = 'musterstadt';
const initiativeStream = `initiative-${exampleIds.initiative}`;
const caseStream = `case-${exampleIds.case}`;
const AS_OF = '2026-12-31T23:00:00Z';

/** Every string leaf of a value (contacts are objects, conditions arrays). */
const leaves = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(leaves)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(leaves)
        : [];

/**
 * The story's personal data, each as a fragment that survives any quoting a table's text form may
 * apply (PostgreSQL's row syntax doubles quotes and escapes backslashes).
 */
const fragmentOf = (text: string) => (text.match(/[\p{L}\p{N} .,@+-]{6,}/u)?.[0] ?? text).slice(0, 24);

describe('personal data: sealed at rest, read by auditors, erased by crypto-shredding (PostgreSQL, HTTP)', () => {
  let api: ApiHarness;
  let personal: string[];
  let metricsBefore: string[];
  let exportDir: string;
  const analystReads = () => [
    `/v1/cases/${exampleIds.case}/metrics?asOf=${AS_OF}`,
    `/v1/initiatives/${exampleIds.initiative}/metrics?asOf=${AS_OF}`,
    `/v1/metrics/summary?asOf=${AS_OF}`,
    `/v1/metrics/timeseries?from=2026-01&to=2026-12`,
  ];
  const metricsNow = async () =>
    Promise.all(
      analystReads().map(async (path) => JSON.stringify((await api.get(path, TENANT, ['analyst'])).body.data)),
    );
  const admin = () => api.token(TENANT, 'admin');

  beforeAll(async () => {
    api = await startApi();
    await sendStory(api, TENANT);
    await api.project();
    const { events } = await drain(api.store);
    const opened = await api.personalData.codec.decode(TENANT, events);
    personal = [
      ...new Set(
        opened.flatMap((event) =>
          (personalDataOf(event.type)?.fields ?? []).flatMap((field) => leaves(event.data[field])),
        ),
      ),
    ]
      .filter((text) => text.length >= 6)
      .map(fragmentOf);
    metricsBefore = await metricsNow();
  }, 120_000);
  afterAll(() => api?.close());

  const containing = (text: string) => personal.filter((fragment) => text.includes(fragment));

  /** Every row of every table of the database, as text. */
  async function everyRow(): Promise<string> {
    const { rows: tables } = await api.db.pool.query<{ name: string }>(
      `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const names = tables.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'public.kp_events',
        'public.kp_idempotency_keys',
        'public.kp_data_keys',
        'public.kp_access_log',
      ]),
    );
    expect(names.some((name) => name.includes('rm_cases'))).toBe(true);
    const texts = await Promise.all(
      tables.map(async ({ name }) =>
        (await api.db.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`)).rows
          .map((r) => r.row)
          .join('\n'),
      ),
    );
    return texts.join('\n');
  }

  it("knows the story's personal data: the contact and the case's narratives", () => {
    expect(personal).toEqual(
      expect.arrayContaining([
        fragmentOf(commandExamples.RegisterInitiative.contact.name),
        fragmentOf(commandExamples.SubmitRequest.description),
      ]),
    );
    expect(personal.length).toBeGreaterThanOrEqual(15);
  });

  it('no row of any table holds any of it in plain text', async () => {
    expect(containing(await everyRow())).toEqual([]);
  });

  it('no integration message (Kafka) carries any of it', async () => {
    const { events } = await drain(api.store);
    const messages = events
      .map((event) => toIntegrationMessage(event, 'kp'))
      .map((m) => (m.ok ? m.message.value.toString('utf8') : ''));
    expect(containing(messages.join('\n'))).toEqual([]);
  });

  it('auditors read it in clear, and every such read is in the access log with its purpose', async () => {
    const stream = await api.get(`/v1/audit/streams/${initiativeStream}/events`, TENANT, ['auditor'], {
      'x-purpose': 'Prüfung Az. RPA-2026-3',
    });
    expect(stream.status).toBe(200);
    expect(stream.body.events[0].data.contact).toEqual(commandExamples.RegisterInitiative.contact);
    const timeline = await api.get(`/v1/audit/cases/${exampleIds.case}/timeline`, TENANT, ['auditor']);
    expect(timeline.body.events[0].data.description).toBe(commandExamples.SubmitRequest.description);

    const log = await api.get('/v1/admin/access-log', TENANT, ['admin']);
    expect(log.status).toBe(200);
    expect(log.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: `auditor@${TENANT}`,
          role: 'auditor',
          action: 'audit.stream-events',
          target: initiativeStream,
          purpose: 'Prüfung Az. RPA-2026-3',
        }),
        expect.objectContaining({ action: 'audit.case-timeline', target: caseStream, purpose: null }),
      ]),
    );
    expect((await api.get('/v1/admin/access-log', TENANT, ['auditor'])).status).toBe(403);
    expect((await api.get('/v1/admin/access-log', 'nachbarort', ['admin'])).body.entries).toEqual([]);
    await expect(api.db.pool.query('DELETE FROM kp_access_log')).rejects.toThrow(/append-only/);
    await expect(api.db.pool.query(`UPDATE kp_access_log SET purpose = 'x'`)).rejects.toThrow(/append-only/);
  });

  const exportWithKeys = (name: string) => {
    const out = join(exportDir, name);
    const run = runNode(
      'dist/apps/cli/src/main.js',
      ['audit', 'export', '--tenant', TENANT, '--out', out, '--with-personal-data', '--quiet'],
      { DATABASE_URL: api.db.url, KEY_ENCRYPTION_KEY_FILE: api.keyFile, LOG_LEVEL: 'silent' },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    return out;
  };
  const openExport = (file: string) => {
    const run = runNode('dist/apps/cli/src/main.js', ['audit', 'open-export', file], { LOG_LEVEL: 'silent' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    return run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  };

  it("an export holds it sealed; with its own key, the export's personal data opens offline", async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'kp-export-'));
    const file = exportWithKeys('before-erasure.jsonl');
    expect(containing(await readFile(file, 'utf8'))).toEqual([]);
    expect(runNode('dist/apps/cli/src/main.js', ['audit', 'verify-export', file], {}).status).toBe(0);
    const opened = openExport(file);
    expect(opened.find((e) => e.type === 'InitiativeRegistered').data.contact).toEqual(
      commandExamples.RegisterInitiative.contact,
    );
    expect(opened.find((e) => e.type === 'RequestSubmitted' && e.streamId === caseStream).data.description).toBe(
      commandExamples.SubmitRequest.description,
    );
  });

  it('subject access lists every event holding the contact, since when, in clear', async () => {
    const { status, body } = await api.get(`/v1/audit/subjects/initiative-contact/${exampleIds.initiative}`, TENANT, [
      'auditor',
    ]);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'initiative-contact',
      id: exampleIds.initiative,
      erased: false,
      keys: [{ destroyedAt: null }],
    });
    expect(body.holdings.map((h: { type: string }) => h.type)).toEqual([
      'InitiativeRegistered',
      'InitiativeProfileUpdated',
      'InitiativeDissolved',
    ]);
    expect(body.holdings[0]).toMatchObject({
      streamId: initiativeStream,
      version: 1,
      fields: { contact: commandExamples.RegisterInitiative.contact },
    });
    expect(
      (await api.get(`/v1/audit/subjects/initiative-contact/${randomUUID()}`, TENANT, ['auditor'])).body.code,
    ).toBe('AUDIT.SUBJECT_NOT_FOUND');
    expect((await api.get(`/v1/audit/subjects/someone/${exampleIds.initiative}`, TENANT, ['auditor'])).status).toBe(
      400,
    );
    expect(
      (await api.get(`/v1/audit/subjects/initiative-contact/${exampleIds.initiative}`, TENANT, ['analyst'])).status,
    ).toBe(403);
  });

  describe('erasure', () => {
    beforeAll(async () => {
      for (const type of ['EraseInitiativeContact', 'ShredCaseNarratives'] as const) {
        const response = await api.command(type, commandExamples[type], {
          token: await admin(),
          headers: { 'idempotency-key': `erase-${type}` },
        });
        expect({ type, status: response.status }).toEqual({ type, status: 200 });
      }
      await api.project();
    });

    it("is the admin's: clerks and analysts get 403, an unknown initiative or case 404", async () => {
      for (const roles of [['clerk'], ['analyst'], ['auditor']]) {
        const response = await api.command('EraseInitiativeContact', commandExamples.EraseInitiativeContact, {
          token: await api.token(TENANT, ...roles),
        });
        expect(response.status).toBe(403);
      }
      const unknown = await api.command(
        'EraseInitiativeContact',
        { initiativeId: randomUUID(), reason: 'Art. 17' },
        { token: await admin() },
      );
      expect([unknown.status, unknown.body.code]).toEqual([404, 'INITIATIVE.NOT_FOUND']);
      const noCase = await api.command(
        'ShredCaseNarratives',
        { caseId: randomUUID(), reason: 'Art. 17' },
        { token: await admin() },
      );
      expect([noCase.status, noCase.body.code]).toEqual([404, 'CASE.NOT_FOUND']);
    });

    it('is idempotent: the same key gives the first answer, another request appends nothing', async () => {
      const before = await api.store.streamVersion(TENANT, initiativeStream);
      const retry = await api.command('EraseInitiativeContact', commandExamples.EraseInitiativeContact, {
        token: await admin(),
        headers: { 'idempotency-key': 'erase-EraseInitiativeContact' },
      });
      expect(retry.body).toMatchObject({ version: before, events: [{ type: 'InitiativeContactErased' }] });
      const again = await api.command('EraseInitiativeContact', commandExamples.EraseInitiativeContact, {
        token: await admin(),
      });
      expect([again.status, again.body.events]).toEqual([200, []]);
      expect(await api.store.streamVersion(TENANT, initiativeStream)).toBe(before);
    });

    it('every reader shows a stable placeholder, official facts stay readable', async () => {
      const stream = (await api.get(`/v1/audit/streams/${initiativeStream}/events`, TENANT, ['auditor'])).body;
      expect(stream.events[0].data).toMatchObject({
        name: 'Bürgerverein Nordstadt e.V.',
        contact: { erased: true, erasedAt: expect.any(String) },
      });
      const timeline = (await api.get(`/v1/audit/cases/${exampleIds.case}/timeline`, TENANT, ['auditor'])).body.events;
      const byType = (type: string) => timeline.find((e: { type: string }) => e.type === type).data;
      expect(byType('RequestSubmitted')).toMatchObject({
        title: commandExamples.SubmitRequest.title,
        description: { erased: true },
      });
      expect(byType('GrantAwarded')).toMatchObject({
        amountCents: commandExamples.AwardGrant.amountCents,
        rationale: { erased: true },
      });
      expect(byType('CaseNarrativesShredded')).toMatchObject({ reason: commandExamples.ShredCaseNarratives.reason });
      const subject = (await api.get(`/v1/audit/subjects/case-narratives/${exampleIds.case}`, TENANT, ['auditor']))
        .body;
      expect(subject).toMatchObject({ erased: true, keys: [{ destroyedAt: expect.any(String) }] });
    });

    it('no API route, export, CLI output, read model or message contains any of it', async () => {
      const paths = [
        `/v1/audit/streams/${initiativeStream}/events`,
        `/v1/audit/streams/${caseStream}/events?limit=1000`,
        `/v1/audit/streams/${initiativeStream}/state`,
        `/v1/audit/streams/${caseStream}/state`,
        `/v1/audit/cases/${exampleIds.case}/timeline`,
        `/v1/audit/subjects/initiative-contact/${exampleIds.initiative}`,
        `/v1/audit/subjects/case-narratives/${exampleIds.case}`,
        '/v1/audit/export',
        `/v1/cases/${exampleIds.case}`,
        '/v1/cases',
        `/v1/initiatives/${exampleIds.initiative}`,
        `/v1/funds/${exampleIds.fund}`,
        ...analystReads(),
      ];
      const answers = await Promise.all(
        paths.map(async (path) => {
          const response = await api.get(path, TENANT, ['auditor', 'analyst']);
          expect({ path, status: response.status }).toEqual({ path, status: 200 });
          return typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
        }),
      );
      expect(containing(answers.join('\n'))).toEqual([]);

      const env = { DATABASE_URL: api.db.url, LOG_LEVEL: 'silent' };
      const cli = [
        runNode('dist/apps/cli/src/main.js', ['audit', 'replay', caseStream, '--json'], env),
        runNode('dist/apps/cli/src/main.js', ['audit', 'export', '--tenant', TENANT], env),
      ];
      for (const run of cli) expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(containing(cli.map((run) => run.stdout).join('\n'))).toEqual([]);

      const { events } = await drain(api.store);
      const messages = events
        .map((event) => toIntegrationMessage(event, 'kp'))
        .map((m) => (m.ok ? m.message.value.toString('utf8') : ''));
      expect(containing(messages.join('\n'))).toEqual([]);
      expect(containing(await everyRow())).toEqual([]);
    });

    it('an export made after the erasure opens with placeholders; one made before still holds what its key opens', () => {
      const after = openExport(exportWithKeys('after-erasure.jsonl'));
      expect(after.find((e) => e.type === 'InitiativeRegistered').data.contact).toMatchObject({ erased: true });
      const before = openExport(join(exportDir, 'before-erasure.jsonl'));
      expect(before.find((e) => e.type === 'InitiativeRegistered').data.contact).toEqual(
        commandExamples.RegisterInitiative.contact,
      );
    });

    it('the hash chains still verify, and the metrics are byte-identical', async () => {
      const verify = await api.request('POST', '/v1/audit/verify', {
        body: '{}',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.token(TENANT, 'auditor')}` },
      });
      expect(verify.body).toMatchObject({ ok: true, brokenStreams: 0 });
      expect(await metricsNow()).toEqual(metricsBefore);
    });

    it('survives a rebuild of the read models and a restart', async () => {
      await rebuildReadModels(api.store, api.db.pool);
      expect(await metricsNow()).toEqual(metricsBefore);
      const restarted = await startApi({ reuse: api });
      try {
        const stream = await restarted.get(`/v1/audit/streams/${initiativeStream}/events`, TENANT, ['auditor']);
        expect(stream.body.events[0].data.contact).toMatchObject({ erased: true });
      } finally {
        await restarted.close();
      }
    });
  });
});
