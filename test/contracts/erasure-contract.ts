import { randomUUID } from 'node:crypto';
import { auditReaderFor, EventStore, verifyStore } from '@koproduktiv/event-store';
import type { DomainCommand } from '@koproduktiv/domain';
import { EventCodec, openPersonalData } from '@koproduktiv/personal-data';
import { InMemoryIdempotencyStore } from '@koproduktiv/platform';
import { CommandExecutor } from '@koproduktiv/application';
import { createTestDatabase, TestDatabase } from '../support/postgres';
import { migrate } from '@koproduktiv/event-store';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TENANT = 'musterstadt';
const CONTACT = { name: 'Jonas Weber', email: 'j.weber@example.org', phone: '+49 170 1234567' };
const DESCRIPTION = 'Herr Weber braucht den Raum dienstags';

/**
 * What every event store adapter must do with personal data, through the command path: store it
 * sealed, give it back in clear with the keys, and after an erasure as placeholders, with the
 * stream's other facts and its hash chain untouched. The keys live in PostgreSQL for every adapter.
 */
export function erasureContract(
  name: string,
  createStore: () => Promise<EventStore>,
  dispose: () => Promise<void> = async () => undefined,
): void {
  describe(`erasure contract: ${name}`, () => {
    let store: EventStore;
    let keysDb: TestDatabase;
    let codec: EventCodec;
    let executor: CommandExecutor;
    const initiativeId = randomUUID();
    const caseId = randomUUID();
    const run = (command: DomainCommand, key?: string) =>
      executor.execute({
        tenant: TENANT,
        actor: { subject: 'contract', role: 'clerk' },
        command,
        correlationId: randomUUID(),
        commandId: randomUUID(),
        idempotencyKey: key,
      });
    const stored = async (streamId: string) => JSON.stringify(await store.readStream(TENANT, streamId));

    beforeAll(async () => {
      store = await createStore();
      keysDb = await createTestDatabase('kp_erasure');
      await migrate(keysDb.pool);
      codec = (await openPersonalData(keysDb.pool, { dataDir: await mkdtemp(join(tmpdir(), 'kp-kek-')) })).codec;
      executor = new CommandExecutor(store, new InMemoryIdempotencyStore(), codec);
      await run({
        type: 'RegisterInitiative',
        data: { initiativeId, name: 'Raumteiler', kind: 'association', contact: CONTACT },
      });
      await run({
        type: 'SubmitRequest',
        data: {
          caseId,
          initiativeId,
          title: 'Raum',
          description: DESCRIPTION,
          category: 'kultur',
          channel: 'online',
          requestedSupport: ['space'],
        },
      });
    }, 180_000);
    afterAll(async () => {
      await keysDb?.drop();
      await dispose();
    });

    it('stores personal data only sealed', async () => {
      const text = (await stored(`initiative-${initiativeId}`)) + (await stored(`case-${caseId}`));
      for (const value of [CONTACT.name, CONTACT.email, CONTACT.phone, DESCRIPTION]) expect(text).not.toContain(value);
      expect(text).toContain('$sealed');
    });

    it('gives it back in clear with the keys', async () => {
      const [registered] = await codec.decode(TENANT, await store.readStream(TENANT, `initiative-${initiativeId}`));
      expect(registered.data.contact).toEqual(CONTACT);
    });

    it('after erasure reads placeholders everywhere, facts and chains intact; a second erasure appends nothing', async () => {
      const erased = await run(
        { type: 'EraseInitiativeContact', data: { initiativeId, reason: 'Art. 17' } },
        'erase-1',
      );
      expect(erased.events.map((e) => e.type)).toEqual(['InitiativeContactErased']);
      expect(
        (await run({ type: 'EraseInitiativeContact', data: { initiativeId, reason: 'Art. 17' } }, 'erase-1')).version,
      ).toBe(erased.version);
      expect((await run({ type: 'EraseInitiativeContact', data: { initiativeId, reason: 'Art. 17' } })).events).toEqual(
        [],
      );
      await run({ type: 'ShredCaseNarratives', data: { caseId, reason: 'Art. 17' } });

      const [registered] = await codec.decode(TENANT, await store.readStream(TENANT, `initiative-${initiativeId}`));
      expect(registered.data).toMatchObject({
        name: 'Raumteiler',
        contact: { erased: true, erasedAt: expect.any(String) },
      });
      const reader = auditReaderFor(store);
      const timeline = await codec.decode(
        TENANT,
        await reader.eventsReferencing(
          TENANT,
          { streamId: `case-${caseId}`, id: caseId, field: 'caseId', categories: ['fund'] },
          0,
          100,
        ),
      );
      expect(timeline[0].data).toMatchObject({ title: 'Raum', description: { erased: true } });
      expect((await reader.readStreamPage(TENANT, `initiative-${initiativeId}`, 1, 10)).map((e) => e.type)).toEqual([
        'InitiativeRegistered',
        'InitiativeContactErased',
      ]);
      expect(await verifyStore(reader, { tenant: TENANT })).toMatchObject({ ok: true, streamsChecked: 2 });
    });

    it('new personal data after an erasure is sealed under a new key, readable until erased again', async () => {
      await run({ type: 'UpdateInitiativeProfile', data: { initiativeId, contact: { name: 'Mara Neu' } } });
      const events = await codec.decode(TENANT, await store.readStream(TENANT, `initiative-${initiativeId}`));
      expect(events.map((e) => e.data.contact).filter(Boolean)).toEqual([
        expect.objectContaining({ erased: true }),
        { name: 'Mara Neu' },
      ]);
    });
  });
}
