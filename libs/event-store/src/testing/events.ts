import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../port';

let counter = 0;

/** A plausible event to append in store tests; the store does not interpret types or data. */
export function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  counter += 1;
  return {
    eventId: randomUUID(),
    type: 'InteractionRecorded',
    schemaVersion: 1,
    data: { n: counter, summary: 'Treffen im Rathaus', nested: { b: 2, a: [1, 'zwei', null] } },
    occurredAt: new Date(Date.UTC(2026, 2, 1, 9, 30) + counter),
    metadata: { actor: { subject: 'clerk-1', role: 'clerk' }, correlationId: randomUUID(), causationId: randomUUID() },
    ...overrides,
  };
}

export const events = (count: number, overrides: Partial<EventToAppend> = {}) =>
  Array.from({ length: count }, () => anEvent(overrides));

export const aStreamId = (category = 'case') => `${category}-${randomUUID()}`;
