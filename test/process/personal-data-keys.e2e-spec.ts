import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import { anEvent } from '@koproduktiv/event-store/testing';
import { migratePersonalData, openPersonalData } from '@koproduktiv/personal-data';
import { ensureBuilt, runNode, startNode } from '../support/processes';
import { createTestDatabase, TestDatabase } from '../support/postgres';

const TENANT = 'altstadt';
const initiativeId = randomUUID();
const caseId = randomUUID();
const CONTACT = { name: 'Gerda Altmann', email: 'g.altmann@example.org' };
const DESCRIPTION = 'Frau Altmann bittet um den Schlüssel zur alten Schule';

/** The service as a process, on the test's database; it must refuse to start or come up. */
const startService = (env: NodeJS.ProcessEnv) =>
  startNode('dist/apps/api/src/main.js', [], { PORT: '0', RUN_PROJECTOR: 'false', LOG_LEVEL: 'warn', ...env });

describe('personal data keys and stores written before sealing (built service and CLI, real PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;
  let keyFile: string;
  const env = () => ({ DATABASE_URL: db.url, KEY_ENCRYPTION_KEY_FILE: keyFile, DATA_DIR: join(dir, 'data') });
  const cli = (...args: string[]) => runNode('dist/apps/cli/src/main.js', args, { ...env(), LOG_LEVEL: 'silent' });
  const eventsAsText = async () =>
    (await db.pool.query<{ t: string }>("SELECT string_agg(data::text, E'\\n') AS t FROM kp_events")).rows[0].t;

  beforeAll(async () => {
    ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'kp-keys-'));
    keyFile = join(dir, 'kek');
    await writeFile(keyFile, randomBytes(32).toString('base64'));
    db = await createTestDatabase('kp_keys');
    // What an earlier version wrote: personal data in plain text, and no mark that the store is sealed.
    await migrate(db.pool);
    const store = new PostgresEventStore(db.pool);
    const meta = {
      actor: { subject: 'clerk-1', role: 'clerk' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    };
    await store.append(
      TENANT,
      `initiative-${initiativeId}`,
      [
        anEvent({
          type: 'InitiativeRegistered',
          data: { initiativeId, name: 'Schulverein', kind: 'association', contact: CONTACT },
          metadata: meta,
        }),
      ],
      0,
    );
    await store.append(
      TENANT,
      `case-${caseId}`,
      [
        anEvent({
          type: 'RequestSubmitted',
          data: {
            caseId,
            initiativeId,
            title: 'Alte Schule',
            description: DESCRIPTION,
            category: 'bildung',
            channel: 'letter',
            requestedSupport: ['space'],
          },
          metadata: meta,
        }),
        anEvent({ type: 'CommitmentFulfilled', data: { caseId, commitmentId: randomUUID() }, metadata: meta }),
      ],
      0,
    );
    await migratePersonalData(db.pool);
  }, 60_000);
  afterAll(() => db?.drop());

  it('refuses to start on a store with plain-text personal data, naming the one-off command', async () => {
    const service = startService(env());
    expect(await service.exited()).toBe(2);
    expect(service.output()).toContain('npm run cli -- store encrypt-personal-data');
    expect(service.output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('store encrypt-personal-data seals it, re-seals the chains, records the old heads, and audit verify passes', async () => {
    const before = (
      await db.pool.query<{ stream_id: string; last_hash: string }>(
        'SELECT stream_id, last_hash FROM kp_streams ORDER BY stream_id',
      )
    ).rows;
    expect(await eventsAsText()).toContain(CONTACT.name);

    const run = cli('store', 'encrypt-personal-data');
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/Sealed 2 event\(s\) in 2 of 2 stream\(s\)/);
    const text = await eventsAsText();
    expect(text).not.toContain(CONTACT.name);
    expect(text).not.toContain(CONTACT.email);
    expect(text).not.toContain(DESCRIPTION.slice(0, 20));

    const reseals = (
      await db.pool.query(
        'SELECT stream_id, old_head_hash, new_head_hash, events_sealed FROM kp_reseals ORDER BY stream_id',
      )
    ).rows;
    expect(reseals.map((r) => [r.stream_id, r.old_head_hash, r.events_sealed])).toEqual(
      before.map((s) => [s.stream_id, s.last_hash, 1]),
    );
    expect(reseals.every((r) => r.new_head_hash !== r.old_head_hash)).toBe(true);

    const verify = cli('audit', 'verify', '--tenant', TENANT);
    expect({ status: verify.status, out: verify.stdout }).toMatchObject({
      status: 0,
      out: expect.stringMatching(/intact|OK/i),
    });
    const personal = await openPersonalData(db.pool, { keyFile, dataDir: dir });
    const [opened] = await personal.codec.decode(
      TENANT,
      await new PostgresEventStore(db.pool).readStream(TENANT, `initiative-${initiativeId}`),
    );
    expect(opened.data.contact).toEqual(CONTACT);

    expect(cli('store', 'encrypt-personal-data').stdout).toContain('Nothing to do');

    // The service starts on the sealed store, and auditors see the rewrite with its old chain heads.
    const service = startService(env());
    try {
      const url = (await service.waitFor(/Koproduktiv API\s+(http:\/\/[^/\s]+)/))[1];
      const token = cli('token', '--tenant', TENANT, '--roles', 'auditor').stdout.trim().split('\n').at(-1);
      const answer = await fetch(`${url}/v1/audit/reseals`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
      const { reseals: seen } = (await answer.json()) as { reseals: { streamId: string; oldHeadHash: string }[] };
      expect(seen.map((r) => [r.streamId, r.oldHeadHash])).toEqual(before.map((s) => [s.stream_id, s.last_hash]));
    } finally {
      service.child.kill('SIGTERM');
      await service.exited();
    }
  });

  it('refuses to start without the key-encryption key, or with another one, naming the setting; writes nothing', async () => {
    const positions = async () => (await db.pool.query('SELECT count(*)::int AS n FROM kp_events')).rows[0].n;
    const count = await positions();
    const missing = startService({ ...env(), KEY_ENCRYPTION_KEY_FILE: join(dir, 'no-such-key') });
    expect(await missing.exited()).toBe(2);
    expect(missing.output()).toMatch(/KEY_ENCRYPTION_KEY_FILE=.*no-such-key.*does not exist/);

    const other = join(dir, 'other-kek');
    await writeFile(other, randomBytes(32).toString('hex'));
    const wrong = startService({ ...env(), KEY_ENCRYPTION_KEY_FILE: other });
    expect(await wrong.exited()).toBe(2);
    expect(wrong.output()).toMatch(
      /KEY_ENCRYPTION_KEY_FILE=.*other-kek: this key .* did not wrap the store's data keys/,
    );

    const embedded = startService({ ...env(), KEY_ENCRYPTION_KEY_FILE: '' });
    expect(await embedded.exited()).toBe(2);
    expect(embedded.output()).toMatch(/key-encryption-key.*does not exist/);
    expect(existsSync(join(dir, 'data', 'key-encryption-key'))).toBe(false); // never generated over existing data keys
    expect(await positions()).toBe(count);
  });

  it('keys rotate re-wraps every data key under the new key without touching events', async () => {
    const hashes = async () =>
      (await db.pool.query("SELECT string_agg(hash, ',' ORDER BY position) AS h FROM kp_events")).rows[0].h;
    const before = await hashes();
    const next = join(dir, 'next-kek');
    await writeFile(next, randomBytes(32).toString('base64'));
    const rotate = cli('keys', 'rotate', '--new-key-file', next);
    expect({ status: rotate.status, stderr: rotate.stderr }).toEqual({ status: 0, stderr: '' });
    expect(rotate.stdout).toMatch(/Re-wrapped 2 data key\(s\)/);
    expect(await hashes()).toBe(before);

    await expect(openPersonalData(db.pool, { keyFile, dataDir: dir })).rejects.toThrow(/did not wrap/);
    const rotated = await openPersonalData(db.pool, { keyFile: next, dataDir: dir });
    const [opened] = await rotated.codec.decode(
      TENANT,
      await new PostgresEventStore(db.pool).readStream(TENANT, `case-${caseId}`),
    );
    expect(opened.data.description).toBe(DESCRIPTION);
  });
});
