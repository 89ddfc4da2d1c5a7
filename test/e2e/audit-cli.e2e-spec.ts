import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, sendStory, startApi } from '../support/api-harness';
import { tamperEach } from '../support/audit-tamper';
import { ensureBuilt, ROOT, runNode } from '../support/processes';
import { describeBackend } from '../support/backends';
import { KURRENTDB_SKIPPED, KurrentDbServer, kurrentDbSource } from '../support/kurrentdb';

const CLI = 'dist/apps/cli/src/main.js';
const caseStream = `case-${exampleIds.case}`;

/** The built CLI's audit command with the given environment (stderr kept on success too). */
const runAudit = (env: NodeJS.ProcessEnv, ...args: string[]) => {
  const run = spawnSync(process.execPath, [join(ROOT, CLI), 'audit', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('audit CLI (built, against PostgreSQL)', () => {
  let api: ApiHarness;
  let dir: string;
  // Like runNode, but keeps stderr on success too (progress and summaries go there).
  const cli = (...args: string[]) => runAudit({ DATABASE_URL: api.db.url }, ...args);

  beforeAll(async () => {
    ensureBuilt();
    api = await startApi();
    dir = mkdtempSync(join(tmpdir(), 'kp-audit-cli-'));
    await sendStory(api);
    await api.command(
      'RegisterUnit',
      { unitId: exampleIds.contactPointUnit, name: 'Bürgerbüro', isContactPoint: true },
      { tenant: 'anderstadt' },
    );
  }, 180_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api?.close();
  });

  it('explains itself and rejects bad usage with exit code 2', () => {
    const help = cli('--help');
    expect(help.status).toBe(0);
    for (const sub of ['replay', 'verify', 'export', 'verify-export']) expect(help.stdout).toContain(sub);
    for (const sub of ['replay', 'verify', 'export', 'verify-export']) {
      const own = cli(sub, '--help');
      expect({ sub, status: own.status }).toEqual({ sub, status: 0 });
      expect(own.stdout).toMatch(/^Usage: koproduktiv audit /);
      expect(own.stdout).toMatch(/Exit code/);
    }
    expect(runNode(CLI, ['--help'], {}).stdout).toContain('audit');
    expect(cli('inspect').status).toBe(2);
    expect(cli('replay').status).toBe(2);
    expect(cli('replay', 'nonsense').status).toBe(2);
    expect(cli('replay', caseStream, '--as-of', 'yesterday').status).toBe(2);
    expect(cli('export', '--stream', caseStream).stderr).toMatch(/--stream needs --tenant/);
    expect(cli('export', '--stream', caseStream).status).toBe(2);
    expect(cli('verify', '--bogus').status).toBe(2);
    expect(cli('verify-export').status).toBe(2);
    expect(cli('verify-export', join(dir, 'missing.jsonl')).status).toBe(1);
  });

  it('replays a stream as a readable timeline, now and as recorded at a moment', async () => {
    const stored = await api.store.readStream('musterstadt', caseStream);
    const now = cli('replay', caseStream);
    expect(now.status).toBe(0);
    expect(now.stdout).toContain(`${caseStream}  tenant musterstadt  now`);
    expect(now.stdout).toMatch(/v1 {2}#\d+ {2}RequestSubmitted/);
    expect(now.stdout).toContain('by clerk@musterstadt (clerk)   correlation story-SubmitRequest');
    expect(now.stdout).toContain(`v${stored.length}  #${stored.at(-1)!.position}  ${stored.at(-1)!.type}`);
    expect(now.stdout).toMatch(/State \(case\):\n\{/);

    const asOf = stored[2].recordedAt.toISOString();
    const then = cli('replay', caseStream, '--as-of', asOf, '--json');
    expect(then.status).toBe(0);
    const replayed = JSON.parse(then.stdout);
    expect(replayed).toMatchObject({
      streamId: caseStream,
      tenant: 'musterstadt',
      asOf: { recordedAt: asOf, position: null },
    });
    expect(replayed.includedEvents.map((e: { eventId: string }) => e.eventId)).toEqual(
      stored.slice(0, 3).map((e) => e.eventId),
    );
    expect(then.stderr).toContain(`${stored.length - 3} event(s) recorded later are not included`);
    const byPosition = JSON.parse(
      cli('replay', caseStream, '--as-of-position', String(stored[2].position), '--json').stdout,
    );
    expect(byPosition.state).toEqual(replayed.state);

    expect(cli('replay', `case-${exampleIds.fund}`).status).toBe(1);
    const ambiguous = cli('replay', `unit-${exampleIds.contactPointUnit}`);
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toMatch(/several tenants \(anderstadt, musterstadt\)/);
    expect(cli('replay', `unit-${exampleIds.contactPointUnit}`, '--tenant', 'anderstadt').stdout).toContain(
      'Bürgerbüro',
    );
  });

  it('exports the whole store across tenants, and verify-export passes; one changed byte makes it fail', () => {
    const file = join(dir, 'all.jsonl');
    const exported = cli('export', '--out', file);
    expect({ status: exported.status, stderr: exported.stderr }).toMatchObject({ status: 0 });
    expect(exported.stdout).toMatch(/^Exported \d+ events/);
    expect(exported.stderr).toMatch(/of ALL tenants/);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"tenant":"anderstadt"');
    expect(text).toContain('"tenant":"musterstadt"');
    expect(JSON.parse(text.trimEnd().split('\n').at(-1)!).manifest.scope).toEqual({
      tenant: null,
      streamId: null,
      from: null,
      to: null,
    });

    const ok = cli('verify-export', file);
    expect({ status: ok.status, stdout: ok.stdout }).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^INTACT /),
    });

    const bytes = readFileSync(file);
    const at = bytes.indexOf('Nordstadt'); // personal data is sealed in the export; change a readable name
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'X'.charCodeAt(0);
    const altered = join(dir, 'altered.jsonl');
    writeFileSync(altered, bytes);
    const bad = cli('verify-export', altered);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^BROKEN /);
    expect(bad.stdout).toMatch(/sha256/);
    expect(bad.stdout).toMatch(/content differs from its hash/);

    const stream = join(dir, 'stream.jsonl');
    expect(cli('export', '--tenant', 'musterstadt', '--stream', caseStream, '--out', stream).status).toBe(0);
    expect(cli('verify-export', stream, '--json').status).toBe(0);
    const toStdout = cli('export', '--tenant', 'anderstadt', '--quiet');
    expect(toStdout.status).toBe(0);
    expect(toStdout.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('verifies every stream of every tenant, and exits 1 naming the damaged stream and event after tampering', async () => {
    const intact = cli('verify');
    expect({ status: intact.status, stdout: intact.stdout }).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^INTACT {2}\d+ streams, \d+ events of every stream of all tenants/),
    });
    expect(intact.stderr).toMatch(/verify: 100%/);

    const [changed, deleted] = await tamperEach(api.store, api.db.pool, 'tamperstadt', [
      'changed data',
      'deleted last event',
    ]);
    const broken = cli('verify');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^BROKEN {2}2 damaged stream\(s\)/);
    expect(broken.stdout).toContain(
      `tamperstadt  ${changed.streamId}  version 2 (event ${changed.expected.eventId} at position`,
    );
    expect(broken.stdout).toContain('hash_mismatch');
    expect(broken.stdout).toContain(`tamperstadt  ${deleted.streamId}  version 4 (event missing): missing_tail`);
    const json = JSON.parse(cli('verify', '--json', '--quiet').stdout);
    expect(json).toMatchObject({ ok: false, brokenStreams: 2, scope: { tenant: null } });
    expect(cli('verify', '--tenant', 'musterstadt').status).toBe(0);
    expect(cli('verify', '--tenant', 'tamperstadt', '--stream', changed.streamId).status).toBe(1);
  });
});

describe('audit CLI reads the configured event store', () => {
  it('with EVENT_STORE=kurrentdb it goes to KURRENTDB_URL (unreachable here: exit 1) and starts no PostgreSQL', () => {
    ensureBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'kp-audit-cli-kurrent-'));
    try {
      const run = runAudit(
        {
          EVENT_STORE: 'kurrentdb',
          KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false&maxDiscoverAttempts=1&discoveryInterval=10',
          DATABASE_URL: '',
          DATA_DIR: dataDir,
        },
        'verify',
      );
      expect({ status: run.status, stderr: run.stderr }).toEqual({
        status: 1,
        stderr: expect.stringMatching(/Cannot reach the event store/),
      });
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

const kurrentdb = kurrentDbSource();
describeBackend('KurrentDB (audit CLI)', kurrentdb?.where ?? KURRENTDB_SKIPPED);
(kurrentdb ? describe : describe.skip)('audit CLI (built, against KurrentDB)', () => {
  // A KurrentDB may be shared (KURRENTDB_URL): one tenant of this run.
  const tenant = `musterstadt-${randomUUID().slice(0, 8)}`;
  let server: KurrentDbServer;
  let api: ApiHarness;
  let dir: string;
  const cli = (...args: string[]) =>
    runAudit({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: server.url, DATABASE_URL: '', DATA_DIR: dir }, ...args);

  beforeAll(async () => {
    ensureBuilt();
    server = await (kurrentdb as NonNullable<typeof kurrentdb>).start();
    api = await startApi({ eventStore: { kind: 'kurrentdb', kurrentDbUrl: server.url } });
    dir = mkdtempSync(join(tmpdir(), 'kp-audit-cli-kurrent-'));
    await sendStory(api, tenant);
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('replays, verifies and exports a tenant, and the export verifies offline', async () => {
    const stored = await api.store.readStream(tenant, caseStream);
    const replay = cli('replay', caseStream, '--tenant', tenant);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toContain(`v${stored.length}  #${stored.at(-1)!.position}  ${stored.at(-1)!.type}`);
    const verify = cli('verify', '--tenant', tenant);
    expect({ status: verify.status, stdout: verify.stdout }).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^INTACT /),
    });
    expect(verify.stderr).toMatch(/in KurrentDB kurrentdb:/);
    const file = join(dir, 'tenant.jsonl');
    expect(cli('export', '--tenant', tenant, '--out', file).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`"tenant":"${tenant}"`);
    expect(cli('verify-export', file).status).toBe(0);
  });
});
