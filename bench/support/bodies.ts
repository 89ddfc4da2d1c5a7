/**
 * What the benchmark sends and stores: the API's own command examples with fresh ids, and the event
 * and metadata the API would write for them (the pgbench workload and its seed streams use those).
 */
import { randomUUID } from 'node:crypto';
import { INTERACTION_KINDS } from '@koproduktiv/domain';
import type { EventMetadata } from '@koproduktiv/event-store';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';

export const TENANT = 'musterstadt';
export const CLERK = `clerk@${TENANT}`;

/** A new case (`SubmitRequest`): one `RequestSubmitted` event on a new stream. */
export function submitRequestBody(caseId: string): object {
  return { ...commandExamples.SubmitRequest, caseId };
}

/** A `RecordInteraction` on an existing case with a fresh interaction id: one more event on its stream. */
export function recordInteractionBody(caseId: string, interactionId: string = randomUUID()): object {
  const kind = INTERACTION_KINDS[Math.floor(Math.random() * INTERACTION_KINDS.length)];
  return { ...commandExamples.RecordInteraction, caseId, interactionId, kind };
}

/** The `data` of the `InteractionRecorded` event the API appends for `recordInteractionBody`. */
export function interactionRecordedData(caseId: string, interactionId: string): Record<string, unknown> {
  return recordInteractionBody(caseId, interactionId) as Record<string, unknown>;
}

/** The `RequestSubmitted` event's data, for streams seeded directly through the store. */
export function requestSubmittedData(caseId: string): Record<string, unknown> {
  const { caseId: _ignored, ...rest } = commandExamples.SubmitRequest;
  return { caseId, ...rest, requestedSupport: [...rest.requestedSupport] };
}

/** The metadata the command executor puts on every event (no idempotency key). */
export function eventMetadata(correlationId: string = randomUUID(), causationId: string = randomUUID()): EventMetadata {
  return { actor: { subject: CLERK, role: 'clerk' }, correlationId, causationId };
}
