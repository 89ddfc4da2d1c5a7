import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { freePort } from '@koproduktiv/platform';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { createTestDatabase, TestDatabase } from '../support/postgres';
import { ensureBuilt, RunningProcess, startInGroup, startNode } from '../support/processes';

/** Production's shape: the projector as its own process, twice for availability. */
describe('apps/projector, run twice against one database', () => {
  let db: TestDatabase;
  const running: RunningProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    await migrate(db.pool);
  });
  afterAll(async () => {
    for (const proc of running) proc.child.kill('SIGKILL');
    await db.drop();
  });

  it('one instance projects, the other stands by and takes over when the first stops', async () => {
    const ports = [await freePort(), await freePort()];
    const start = (port: number) =>
      startNode('dist/apps/projector/src/main.js', [], {
        DATABASE_URL: db.url,
        PROJECTOR_PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      });
    const first = start(ports[0]);
    running.push(first);
    await first.waitFor(/projector running/);
    const second = start(ports[1]);
    running.push(second);
    await second.waitFor(/projector running/);

    const store = new PostgresEventStore(db.pool);
    const caseId = randomUUID();
    await store.append(
      'musterstadt',
      `case-${caseId}`,
      [
        {
          eventId: randomUUID(),
          type: 'RequestSubmitted',
          schemaVersion: 1,
          occurredAt: new Date(),
          data: { ...commandExamples.SubmitRequest, caseId },
          metadata: { actor: { subject: 'c', role: 'clerk' }, correlationId: 'x', causationId: 'y' },
        },
      ],
      'no_stream',
    );

    const ready = async (port: number) =>
      (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as {
        processors: { name: string; active: boolean; position: number }[];
      };
    await waitFor(async () => (await db.pool.query('SELECT 1 FROM rm_cases WHERE id = $1', [caseId])).rowCount === 1);
    const statuses = await Promise.all(ports.map(ready));
    expect(statuses.map((s) => s.processors.find((p) => p.name === 'read-models@g1')?.active)).toEqual([true, false]);
    const metrics = await (await fetch(`http://127.0.0.1:${ports[0]}/metrics`)).text();
    expect(metrics).toMatch(/koproduktiv_processor_lag_seconds\{processor="read-models@g1"\} \d/);

    first.child.kill('SIGTERM');
    expect(await first.exited()).toBe(0);
    const later = randomUUID();
    await store.append(
      'musterstadt',
      `case-${later}`,
      [
        {
          eventId: randomUUID(),
          type: 'RequestSubmitted',
          schemaVersion: 1,
          occurredAt: new Date(),
          data: { ...commandExamples.SubmitRequest, caseId: later },
          metadata: { actor: { subject: 'c', role: 'clerk' }, correlationId: 'x', causationId: 'y' },
        },
      ],
      'no_stream',
    );
    await waitFor(async () => (await db.pool.query('SELECT 1 FROM rm_cases WHERE id = $1', [later])).rowCount === 1);
    expect((await ready(ports[1])).processors.find((p) => p.name === 'read-models@g1')?.active).toBe(true);
    second.child.kill('SIGTERM');
    expect(await second.exited()).toBe(0);
  });
});

describe('apps/projector on its own embedded PostgreSQL', () => {
  const running: RunningProcess[] = [];
  afterAll(() => {
    for (const proc of running) if (proc.child.exitCode === null) process.kill(-(proc.child.pid as number), 'SIGKILL');
  });

  it.each(['SIGINT', 'SIGTERM'])(
    '%s to its process group while it creates the cluster: it finishes starting, then stops with exit 0',
    async (signal) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'kp-projector-early-'));
      try {
        const proc = startInGroup(process.execPath, ['dist/apps/projector/src/main.js'], {
          DATA_DIR: dataDir,
          DATABASE_URL: '',
          PROJECTOR_PORT: String(await freePort()),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
        });
        running.push(proc);
        await proc.waitFor(/starting embedded PostgreSQL/, 60_000);
        process.kill(-(proc.child.pid as number), signal);
        expect(await proc.exited(120_000)).toBe(0);
        expect(proc.output()).toContain(`"signal":"${signal}","msg":"shutting down"`);
        expect(
          proc
            .output()
            .split('\n')
            .filter((line) => line.startsWith('{') && JSON.parse(line).level >= 40),
        ).toEqual([]);
        expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
        expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
