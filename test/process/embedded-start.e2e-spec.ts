import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo, createServer } from 'node:net';
import { Client } from 'pg';
import { freePort } from '@koproduktiv/platform';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ensureBuilt, runNode, RunningProcess, startNode } from '../support/processes';

const API = 'dist/apps/api/src/main.js';
const CLI = 'dist/apps/cli/src/main.js';

/** `npm start` as a user runs it: the built service on the embedded PostgreSQL, no DATABASE_URL. */
describe('the embedded default, as started by npm start', () => {
  const dataDirs: string[] = [];
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    dataDirs.push(await mkdtemp(join(tmpdir(), 'kp-start-a-')), await mkdtemp(join(tmpdir(), 'kp-start-b-')));
  });
  afterAll(async () => {
    for (const proc of running) proc.child.kill('SIGKILL');
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  const env = (dataDir: string) => ({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  });

  it('runs two instances side by side, each with its own DATA_DIR, token and data, and stops cleanly', async () => {
    const instances = dataDirs.map((dir) => startNode(API, [], env(dir)));
    running.push(...instances);
    const urls = await Promise.all(
      instances.map(async (proc) => (await proc.waitFor(/Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/))[1]),
    );
    expect(new Set(urls).size).toBe(2);
    for (const proc of instances) {
      expect(proc.output()).toContain('/docs');
      expect(proc.output()).toContain('npx koproduktiv token --tenant');
    }

    const tokens = dataDirs.map((dir) => {
      const printed = runNode(CLI, ['token', '--tenant', 'musterstadt', '--roles', 'clerk'], env(dir));
      expect(printed.status).toBe(0);
      return printed.stdout.trim().split('\n').at(-1) as string;
    });
    expect(tokens[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const register = (url: string, token: string) =>
      fetch(`${url}/v1/commands/RegisterInitiative`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(commandExamples.RegisterInitiative),
      });
    expect((await register(urls[0], tokens[0])).status).toBe(200);
    expect((await register(urls[1], tokens[1])).status).toBe(200); // its own store: not a duplicate
    expect((await register(urls[1], tokens[0])).status).toBe(401); // another instance's secret

    for (const proc of instances) proc.child.kill('SIGTERM');
    expect(await Promise.all(instances.map((proc) => proc.exited()))).toEqual([0, 0]);
    // PostgreSQL removes its lock file only after a clean shutdown.
    for (const dir of dataDirs) expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('keeps the data across a restart of the same DATA_DIR', async () => {
    const proc = startNode(API, [], env(dataDirs[0]));
    running.push(proc);
    const url = (await proc.waitFor(/Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/))[1];
    const token = runNode(CLI, ['token', '--tenant', 'musterstadt', '--roles', 'clerk'], env(dataDirs[0]))
      .stdout.trim()
      .split('\n')
      .at(-1);
    const again = await fetch(`${url}/v1/commands/RegisterInitiative`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(commandExamples.RegisterInitiative),
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('INITIATIVE.ALREADY_REGISTERED');
    proc.child.kill('SIGTERM');
    expect(await proc.exited()).toBe(0);
  });

  it('refuses invalid configuration with a message naming each problem', () => {
    const result = runNode(API, [], { ...env(dataDirs[0]), PORT: 'eighty', JWT_JWKS_URL: 'https://idp.example/jwks' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PORT="eighty"');
    expect(result.stderr).toContain('JWT_ISSUER and JWT_AUDIENCE must be set');
  });

  describe('refuses, before anything is started, with exit code 2, the setting named and no stack trace:', () => {
    const refused = async (settings: NodeJS.ProcessEnv, expected: RegExp) => {
      const fresh = await mkdtemp(join(tmpdir(), 'kp-config-'));
      dataDirs.push(fresh);
      const result = runNode(API, [], { ...env(fresh), ...settings });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(expected);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack frames
      expect(existsSync(join(fresh, 'postgres'))).toBe(false); // the embedded PostgreSQL was not started
    };

    it('METRICS_SETTINGS that is not JSON', () =>
      refused({ METRICS_SETTINGS: '{bad' }, /- METRICS_SETTINGS is not valid JSON/));
    it('METRICS_SETTINGS with an impossible value', () =>
      refused(
        { METRICS_SETTINGS: '{"musterstadt":{"responseTargetDays":-1}}' },
        /- METRICS_SETTINGS\.musterstadt\.responseTargetDays must be a number above 0, got -1/,
      ));
    it('METRICS_SETTINGS with an unknown setting', () =>
      refused({ METRICS_SETTINGS: '{"musterstadt":{"responseTargetDay":10}}' }, /unknown setting responseTargetDay/));
    it('KAFKA_* settings that contradict each other', () =>
      refused(
        { KAFKA_BROKERS: '127.0.0.1:9', KAFKA_BACKOFF_INITIAL_MS: '1000', KAFKA_BACKOFF_MAX_MS: '10' },
        /- KAFKA_BACKOFF_MAX_MS must not be below KAFKA_BACKOFF_INITIAL_MS/,
      ));
    it('an unreachable DATABASE_URL', async () => {
      const closed = await freePort();
      await refused(
        { DATABASE_URL: `postgres://someone:secret@127.0.0.1:${closed}/koproduktiv` },
        new RegExp(
          `- DATABASE_URL=postgres://someone:\\*\\*\\*@127\\.0\\.0\\.1:${closed}/koproduktiv: cannot connect \\(.*ECONNREFUSED`,
          'm',
        ),
      );
    });
    it('an unreachable KURRENTDB_URL', async () => {
      const closed = await freePort();
      await refused(
        { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: `kurrentdb://127.0.0.1:${closed}?tls=false` },
        new RegExp(
          `- KURRENTDB_URL=kurrentdb://127\\.0\\.0\\.1:${closed}\\?tls=false: cannot connect to 127\\.0\\.0\\.1:${closed} \\(ECONNREFUSED\\)`,
          'm',
        ),
      );
    });
    it('an unreachable JWT_JWKS_URL', async () => {
      const closed = await freePort();
      await refused(
        {
          JWT_JWKS_URL: `http://127.0.0.1:${closed}/.well-known/jwks.json`,
          JWT_ISSUER: 'https://idp.example',
          JWT_AUDIENCE: 'koproduktiv',
        },
        new RegExp(
          `- JWT_JWKS_URL=http://127\\.0\\.0\\.1:${closed}/\\.well-known/jwks\\.json: cannot fetch the key set \\(ECONNREFUSED\\)`,
          'm',
        ),
      );
    });
    it('a PORT in use', async () => {
      const taken = createServer().listen(0, '127.0.0.1');
      await once(taken, 'listening');
      try {
        await refused(
          { PORT: String((taken.address() as AddressInfo).port) },
          /- PORT=\d+: already in use on 127\.0\.0\.1/m,
        );
      } finally {
        taken.close();
      }
    });
  });

  it('comes back after the API was killed with SIGKILL: the server it left behind is stopped, every acknowledged command is there once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kp-crash-'));
    dataDirs.push(dir);
    const first = startNode(API, [], env(dir));
    running.push(first);
    const url = (await first.waitFor(/Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/, 120_000))[1];
    const token = runNode(CLI, ['token', '--tenant', 'musterstadt', '--roles', 'clerk'], env(dir))
      .stdout.trim()
      .split('\n')
      .at(-1) as string;
    const submit = (base: string, caseId: string) =>
      fetch(`${base}/v1/commands/SubmitRequest`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': `crash-${caseId}`,
        },
        body: JSON.stringify({ ...commandExamples.SubmitRequest, caseId }),
      });
    expect((await submit(url, randomUUID())).status).toBe(200); // warm

    // Commands in flight, four at a time, when the API is killed.
    const caseIds = Array.from({ length: 60 }, () => randomUUID());
    const acknowledged: string[] = [];
    let next = 0;
    const lane = async () => {
      while (next < caseIds.length) {
        const caseId = caseIds[next++];
        const response = await submit(url, caseId).catch(() => undefined);
        if (response?.status === 200) acknowledged.push(caseId);
        if (acknowledged.length === 20) first.child.kill('SIGKILL');
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    expect(await first.exited()).toBeNull(); // killed
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(acknowledged.length).toBeLessThan(caseIds.length);
    const orphan = Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphan, 0)).not.toThrow(); // PostgreSQL outlived the API

    const second = startNode(API, [], env(dir));
    running.push(second);
    const again = (await second.waitFor(/Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/, 120_000))[1];
    expect(second.output()).toContain(
      `Stopped the embedded PostgreSQL (pid ${orphan}) that an earlier run on this DATA_DIR`,
    );
    const databaseUrl = (await second.waitFor(/PostgreSQL\s+(postgres:\/\/\S+)/))[1];
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const count = async (ids: string[]) =>
        (
          await client.query<{ stream_id: string; n: string }>(
            `SELECT stream_id, count(*) AS n FROM kp_events WHERE stream_id = ANY($1) GROUP BY stream_id`,
            [ids.map((id) => `case-${id}`)],
          )
        ).rows;
      const stored = await count(acknowledged);
      expect(stored).toHaveLength(acknowledged.length);
      expect(stored.every((row) => row.n === '1')).toBe(true);
      // Clients retry what was not acknowledged with the same Idempotency-Key: each command ends up stored exactly once.
      for (const caseId of caseIds) expect((await submit(again, caseId)).status).toBe(200);
      const all = await count(caseIds);
      expect(all).toHaveLength(caseIds.length);
      expect(all.every((row) => row.n === '1')).toBe(true);
    } finally {
      await client.end();
    }
    second.child.kill('SIGTERM');
    expect(await second.exited()).toBe(0);
  }, 180_000);

  it("lets the CLI work beside the running service: it uses the service's PostgreSQL and leaves it running", async () => {
    const proc = startNode(API, [], env(dataDirs[0]));
    running.push(proc);
    const url = (await proc.waitFor(/Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/, 120_000))[1];
    expect((await fetch(`${url}/docs`)).status).toBe(200); // the banner's URL works
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    const verify = runNode(CLI, ['audit', 'verify'], env(dataDirs[0]));
    expect(verify.stderr).not.toContain('in use');
    expect(verify.status).toBe(0);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200); // still served
    const check = runNode(CLI, ['projections', 'check'], env(dataDirs[0]));
    expect(check.status).toBe(0);
    proc.child.kill('SIGTERM');
    expect(await proc.exited()).toBe(0);
  });

  it('refuses a second service on a DATA_DIR in use, naming the process that holds it', async () => {
    const proc = startNode(API, [], env(dataDirs[0]));
    running.push(proc);
    await proc.waitFor(/Koproduktiv API/, 120_000);
    const second = runNode(API, [], env(dataDirs[0]));
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`is run by another process, pid ${proc.child.pid}`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    proc.child.kill('SIGTERM');
    expect(await proc.exited()).toBe(0);
  });

  it('token CLI: explains bad arguments and exits non-zero', () => {
    const result = runNode(CLI, ['token', '--tenant', 'Muster Stadt', '--roles', 'clerk'], env(dataDirs[0]));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--tenant must match');
    const roles = runNode(CLI, ['token', '--tenant', 'musterstadt', '--roles', 'mayor'], env(dataDirs[0]));
    expect(roles.status).toBe(2);
    expect(roles.stderr).toContain('unknown: mayor');
  });
});
