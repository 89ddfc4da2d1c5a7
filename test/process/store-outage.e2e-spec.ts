import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ownServiceEnv, RunningProcess, runNode, startNode } from '../support/processes';
import { waitFor } from '../support/wait-for';

const API = 'dist/apps/api/src/main.js';
const CLI = 'dist/apps/cli/src/main.js';

/** Stopping and recovering are phases of their own: what they answer is only checked for 5xx other than 503. */
type Phase = 'before' | 'stopping' | 'outage' | 'recovering' | 'after';
interface Answer {
  readonly phase: Phase;
  readonly kind: string;
  readonly status: number;
  readonly retryAfter: string | null;
  readonly code?: string;
}

/**
 * The embedded PostgreSQL of a running service is stopped (fast shutdown, as an operator or a crash
 * of the database host would) while clients keep sending commands and queries, then started again
 * with the very command line it ran with (postmaster.opts). The service itself is never restarted.
 */
describe('PostgreSQL stopped under load, then started again', () => {
  let dataDir: string;
  let api: RunningProcess | undefined;
  let restarted: ChildProcess | undefined;

  beforeAll(async () => {
    ensureBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'kp-outage-'));
  });
  afterAll(async () => {
    api?.child.kill('SIGKILL');
    if (restarted && restarted.exitCode === null) {
      const exited = new Promise((resolve) => restarted?.once('exit', resolve));
      restarted.kill('SIGINT');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 STORE.UNAVAILABLE with Retry-After during the outage, never 500, and recovers by itself', async () => {
    const env = ownServiceEnv(dataDir, { LOG_LEVEL: 'error' });
    api = startNode(API, [], env);
    const url = (await api.waitFor(/Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/))[1];
    const token = runNode(CLI, ['token', '--tenant', 'musterstadt', '--roles', 'clerk,analyst'], env)
      .stdout.trim()
      .split('\n')
      .at(-1);
    const send = (path: string, body?: object, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body && JSON.stringify(body),
      });
    const unit = () => ({ unitId: randomUUID(), name: 'Bauamt', isContactPoint: false });
    const kinds: Record<string, () => Promise<Response>> = {
      'keyed command': () => send('/v1/commands/RegisterUnit', unit(), { 'idempotency-key': randomUUID() }),
      command: () => send('/v1/commands/RegisterUnit', unit()),
      'case list': () => send('/v1/cases'),
      summary: () => send('/v1/metrics/summary'),
      readiness: () => send('/health/ready'),
    };

    let phase: Phase = 'before';
    let running = true;
    const answers: Answer[] = [];
    const worker = async (offset: number) => {
      for (let i = offset; running; i++) {
        const kind = Object.keys(kinds)[i % Object.keys(kinds).length];
        const asked: Phase = phase;
        const response = await kinds[kind]();
        const body = (await response.json()) as { code?: string };
        // A request under way while the phase changed says nothing about either phase.
        if (asked === phase)
          answers.push({
            phase,
            kind,
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            code: body.code,
          });
      }
    };
    const load = Array.from({ length: 6 }, (_, i) => worker(i));
    const during = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    await during(1500);
    phase = 'stopping';
    const postgres = stopPostgres(join(dataDir, 'postgres'));
    await postgres.stopped;
    phase = 'outage';
    await during(3000);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    phase = 'recovering';
    restarted = postgres.start();
    await waitFor(
      async () => (await send('/health/ready')).status === 200,
      30_000,
      () => api?.output() ?? '',
    );
    // Pool connections broken by the outage are replaced on first use: every kind of request succeeds again.
    await waitFor(
      async () =>
        (await Promise.all(Object.values(kinds).map((ask) => ask()))).every((response) => response.status === 200),
      30_000,
    );
    phase = 'after';
    await during(1500);
    running = false;
    await Promise.all(load);

    const tally = (of: Answer[]) =>
      of.reduce<Record<string, number>>(
        (counts, { kind, status }) => ({ ...counts, [`${kind} ${status}`]: (counts[`${kind} ${status}`] ?? 0) + 1 }),
        {},
      );
    const inPhase = (wanted: Phase) => answers.filter((answer) => answer.phase === wanted);
    expect(answers.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
    expect(Object.keys(tally(inPhase('before'))).sort()).toEqual(
      Object.keys(kinds)
        .map((kind) => `${kind} 200`)
        .sort(),
    );
    expect(inPhase('outage').length).toBeGreaterThan(50);
    expect(new Set(inPhase('outage').map((answer) => answer.kind))).toEqual(new Set(Object.keys(kinds)));
    for (const answer of inPhase('outage'))
      expect(answer).toMatchObject({ status: 503, retryAfter: '2', code: 'STORE.UNAVAILABLE' });
    expect(Object.keys(tally(inPhase('after'))).sort()).toEqual(
      Object.keys(kinds)
        .map((kind) => `${kind} 200`)
        .sort(),
    );
    expect(api.child.exitCode).toBeNull();

    // The in-process projector went on from its checkpoint: a command after the outage reaches the read models.
    const written = (await (await kinds.command()).json()) as { position: number };
    await waitFor(
      async () => ((await (await send('/v1/cases')).json()) as { position: number }).position >= written.position,
      30_000,
      () => api?.output() ?? '',
    );
  }, 120_000);
});

/** Stops the cluster's postmaster (SIGINT: fast shutdown) and can start it again as it was started. */
function stopPostgres(clusterDir: string): { stopped: Promise<void>; start(): ChildProcess } {
  const pid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const [binary, ...args] = [
    ...readFileSync(join(clusterDir, 'postmaster.opts'), 'utf8').matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g),
  ].map((m) => m[1] ?? m[2]);
  process.kill(pid, 'SIGINT');
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    stopped: waitFor(() => !alive(), 30_000),
    start: () => {
      // As root, the embedded server runs as the owner of its cluster directory (PostgreSQL refuses root).
      const owner = statSync(clusterDir);
      const child = spawn(binary, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        ...(process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {}),
      });
      child.stderr?.resume();
      return child;
    },
  };
}
