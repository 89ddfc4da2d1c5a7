import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
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

  const env = (dataDir: string) => ({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' });

  it('runs two instances side by side, each with its own DATA_DIR, token and data, and stops cleanly', async () => {
    const instances = dataDirs.map((dir) => startNode(API, [], env(dir)));
    running.push(...instances);
    const urls = await Promise.all(instances.map(async (proc) => (await proc.waitFor(/Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/))[1]));
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
    const token = runNode(CLI, ['token', '--tenant', 'musterstadt', '--roles', 'clerk'], env(dataDirs[0])).stdout.trim().split('\n').at(-1);
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

  it('token CLI: explains bad arguments and exits non-zero', () => {
    const result = runNode(CLI, ['token', '--tenant', 'Muster Stadt', '--roles', 'clerk'], env(dataDirs[0]));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--tenant must match');
    const roles = runNode(CLI, ['token', '--tenant', 'musterstadt', '--roles', 'mayor'], env(dataDirs[0]));
    expect(roles.status).toBe(2);
    expect(roles.stderr).toContain('unknown: mayor');
  });
});
