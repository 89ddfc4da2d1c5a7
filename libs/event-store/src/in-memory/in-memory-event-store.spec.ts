import { InMemoryEventStore } from './in-memory-event-store';
import { eventStoreContract } from '../testing';

eventStoreContract('in-memory', async () => new InMemoryEventStore());

/** What the contract leaves open and the in-memory reference must still get right. */
describe('InMemoryEventStore beyond the contract', () => {
  const event = (n: number) => ({
    eventId: `00000000-0000-4000-8000-00000000000${n}`,
    type: 'InteractionRecorded',
    schemaVersion: 1,
    data: { n },
    occurredAt: new Date('2026-01-01T10:00:00Z'),
    metadata: { actor: { subject: 'clerk-1', role: 'clerk' }, correlationId: 'c', causationId: 'k' },
  });

  it('appending nothing to a stream that does not exist leaves it not existing', async () => {
    const store = new InMemoryEventStore();
    expect(await store.append('t', 'case-1', [], 'any')).toEqual({
      streamId: 'case-1',
      version: 0,
      position: 0,
      events: [],
    });
    expect(await store.streamVersion('t', 'case-1')).toBe(0);
    expect(await store.readStream('t', 'case-1')).toEqual([]);
  });

  it('a page of the global log resumes after its last event', async () => {
    const store = new InMemoryEventStore();
    await store.append('t', 'case-1', [event(1), event(2), event(3)], 'no_stream');
    const page = await store.readAll({ maxCount: 3 });
    expect(page.checkpoint).toBe(page.events[2].checkpoint);
    expect((await store.readAll({ after: page.checkpoint, maxCount: 3 })).events).toEqual([]);
  });
});
