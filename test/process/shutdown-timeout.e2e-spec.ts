import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, Socket } from 'node:net';
import { Client } from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHUTDOWN_TIMED_OUT_EXIT_CODE } from '@koproduktiv/platform';
import { ensureBuilt, ownServiceEnv, RunningProcess, startNode } from '../support/processes';
import { waitFor } from '../support/wait-for';

const API = 'dist/apps/api/src/main.js';

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

const errorLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{') && (JSON.parse(line) as { level: number }).level >= 50)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * A stop that cannot finish: a client has sent a request's headers and part of its body and sends
 * no more. Closing the HTTP server waits for that request (HTTP_REQUEST_TIMEOUT_MS, set here far
 * above SHUTDOWN_TIMEOUT_MS, would end it), so the stop runs out of time.
 */
describe('a stop that does not finish within SHUTDOWN_TIMEOUT_MS', () => {
  let dataDir: string;
  let api: RunningProcess | undefined;
  let held: Socket | undefined;
  let session: Client | undefined;

  beforeAll(async () => {
    ensureBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'kp-shutdown-timeout-'));
  });
  afterAll(async () => {
    held?.destroy();
    await session?.end().catch(() => undefined);
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('logs one error line naming the step still running and what it waits for, exits 3, and PostgreSQL is still told to stop', async () => {
    api = startNode(
      API,
      [],
      ownServiceEnv(dataDir, { SHUTDOWN_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '600000' }),
    );
    const port = Number((await api.waitFor(/Koproduktiv API\s+http:\/\/[^:\s]+:(\d+)\/docs/, 120_000))[1]);
    const serverPid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

    held = connect(port, '127.0.0.1');
    await once(held, 'connect');
    held.write(
      'POST /v1/commands/SubmitRequest HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"caseId":',
    );
    await api.waitFor(/"url":"\/v1\/commands\/SubmitRequest".*"msg":"incoming request"/);

    const signalled = Date.now();
    api.child.kill('SIGTERM');
    expect(await api.exited(20_000)).toBe(SHUTDOWN_TIMED_OUT_EXIT_CODE);
    expect(SHUTDOWN_TIMED_OUT_EXIT_CODE).toBe(3); // as README.md ("Stopping") says
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(2000);

    const errors = errorLines(api.output());
    expect(errors).toEqual([
      expect.objectContaining({
        timeoutMs: 2000,
        step: 'HTTP server close',
        waitingFor: '1 HTTP connection open',
        notBegun: ['projector stop', 'event store close', 'database pool end', 'PostgreSQL stop'],
        msg:
          'shutdown timed out after 2000 ms: HTTP server close had not finished (1 HTTP connection open); ' +
          'not begun: projector stop, event store close, database pool end, PostgreSQL stop',
      }),
    ]);
    // The process's exit still tells its embedded PostgreSQL to stop (fast shutdown).
    await waitFor(
      () => gone(serverPid),
      30_000,
      () => `: PostgreSQL (pid ${serverPid}) still runs`,
    );
  }, 180_000);

  it('tells PostgreSQL to stop fast as it exits when the stop runs out of time while PostgreSQL waits for a session', async () => {
    const ownDir = await mkdtemp(join(tmpdir(), 'kp-shutdown-timeout-pg-'));
    const service = startNode(API, [], ownServiceEnv(ownDir, { SHUTDOWN_TIMEOUT_MS: '2000' }));
    try {
      await service.waitFor(/Koproduktiv API\s+http:\/\/[^:\s]+:(\d+)\/docs/, 120_000);
      const databaseUrl = (await service.waitFor(/PostgreSQL\s+(postgres:\/\/\S+)/))[1];
      const serverPid = Number(readFileSync(join(ownDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      // A session of someone else's: PostgreSQL's smart shutdown (the stop's first request) waits for it.
      session = new Client({ connectionString: databaseUrl });
      session.on('error', () => undefined); // ended by the fast shutdown
      await session.connect();

      service.child.kill('SIGTERM');
      expect(await service.exited(20_000)).toBe(SHUTDOWN_TIMED_OUT_EXIT_CODE);
      expect(errorLines(service.output())).toEqual([expect.objectContaining({ step: 'PostgreSQL stop' })]);
      await waitFor(
        () => gone(serverPid),
        10_000,
        () => `: PostgreSQL (pid ${serverPid}) still waits for the session after the service exited`,
      );
    } finally {
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
      await session?.end().catch(() => undefined);
      session = undefined;
      await rm(ownDir, { recursive: true, force: true });
    }
  }, 180_000);
});
