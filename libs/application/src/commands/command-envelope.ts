import type { DomainCommand } from '@koproduktiv/domain';
import type { Actor } from '@koproduktiv/event-store';

/** A validated command plus everything the caller's request says about it. */
export interface CommandEnvelope {
  readonly tenant: string;
  readonly actor: Actor;
  readonly command: DomainCommand;
  /** Business time; defaults to the time of receipt. */
  readonly occurredAt?: Date;
  readonly correlationId: string;
  /** Id of this command (the request); becomes each event's causationId. */
  readonly commandId: string;
  readonly idempotencyKey?: string;
  /** From If-Match: the stream version the caller's decision was based on. */
  readonly expectedVersion?: number;
}

export interface CommandResult {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  readonly events: readonly { eventId: string; type: string }[];
}
