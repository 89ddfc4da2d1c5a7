/** Who caused an event: the token's subject and the role it acted in. */
export interface Actor {
  readonly subject: string;
  readonly role: string;
}

export interface EventMetadata {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** Set when the command carried an Idempotency-Key; lets a retry find what the first attempt wrote. */
  readonly idempotencyKey?: string;
}

/** What a writer hands to the store. Versions, positions, recordedAt and hashes are the store's. */
export interface EventToAppend {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
  readonly occurredAt: Date;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends EventToAppend {
  readonly tenant: string;
  readonly streamId: string;
  /** 1 for a stream's first event; a stream with n events has version n. */
  readonly version: number;
  /** Store-wide position, increasing in append order. For display and filtering; subscribers resume from `checkpoint`. */
  readonly position: number;
  readonly recordedAt: Date;
  /** Hash of the previous event in the same stream; null for the first. */
  readonly prevHash: string | null;
  readonly hash: string;
}

/** An event read in global order, with the opaque token to resume after it. */
export interface GlobalEvent extends RecordedEvent {
  readonly checkpoint: Checkpoint;
}

/**
 * Where a subscriber stands in the store's global order. Opaque: each adapter encodes its own
 * notion (PostgreSQL: transaction id and position; KurrentDB: commit and prepare position).
 */
export type Checkpoint = string;
