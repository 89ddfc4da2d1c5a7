/** The command path, shared by the API, the projector's process manager and the CLI (demo data); a library because apps do not import each other. */
import { createHash, randomUUID } from 'node:crypto';
import {
  DecisionContext,
  DEFAULT_TENANT_RULES,
  DomainError,
  DomainEvent,
  deciderFor,
  fold,
  schemaVersionOf,
  streamIdFor,
  TenantRules,
} from '@koproduktiv/domain';
import { decodeWithoutPersonalData, EventCodec } from '@koproduktiv/personal-data';
import {
  canonicalJson,
  EventStore,
  EventToAppend,
  RecordedEvent,
  StreamDeletedError,
  UnstorableEventError,
  WrongExpectedVersionError,
} from '@koproduktiv/event-store';
import type { IdempotencyStore } from '@koproduktiv/platform';
import { CommandEnvelope, CommandResult } from './command-envelope';
import { DecisionCache, DecisionPoint } from './decision-cache';
import {
  CommandRejected,
  concurrentWriteLost,
  idempotencyKeyReused,
  MAX_FUTURE_SKEW_MS,
  occurredAtInFuture,
  versionMismatch,
} from './command-rejected';

/**
 * Runs one command: load the stream (only its new events when the stream's state after the last
 * command here is cached), decide, append at the version the decision saw. A lost race is decided
 * once more on fresh state before it is reported. Framework-free, so it is tested directly.
 *
 * When this process decided the stream's last command, the command is first decided on that state
 * without reading at all: the append is checked against the version, so a stale state (or an
 * earlier request with the same Idempotency-Key) costs a conflict, never a wrong event. Only events
 * count from such a decision; a rejection, a no-op, an If-Match naming another version or a
 * conflict is settled by the reading path below.
 */
export interface CommandExecutorOptions {
  readonly clock?: () => Date;
  /** Called after every append (e.g. to wake the projector). */
  readonly onAppended?: () => void;
  readonly decisions?: DecisionCache;
  /** The municipality's rules the deciders follow (e.g. the four-eyes threshold); defaults for every tenant. */
  readonly tenantRules?: (tenant: string) => TenantRules;
}

export class CommandExecutor {
  private readonly clock: () => Date;
  private readonly onAppended: () => void;
  private readonly decisions: DecisionCache;
  private readonly tenantRules: (tenant: string) => TenantRules;

  constructor(
    private readonly store: EventStore,
    private readonly idempotency: IdempotencyStore,
    private readonly codec: EventCodec,
    options: CommandExecutorOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.onAppended = options.onAppended ?? (() => undefined);
    this.decisions = options.decisions ?? new DecisionCache();
    this.tenantRules = options.tenantRules ?? (() => DEFAULT_TENANT_RULES);
  }

  async execute(envelope: CommandEnvelope): Promise<CommandResult> {
    const now = this.clock();
    const occurredAt = envelope.occurredAt ?? now;
    if (occurredAt.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS) throw occurredAtInFuture(occurredAt, now);
    const decider = deciderFor(envelope.command.type);
    const streamId = streamIdFor(decider.category, decider.aggregateIdOf(envelope.command));
    // Taken before the key is claimed: whatever a request with the same key appends comes after it.
    let since = this.decisions.take(envelope.tenant, streamId);
    if (!envelope.idempotencyKey) return this.decideAndAppend(envelope, streamId, occurredAt, since);
    const claim = await this.idempotency.claim(
      envelope.tenant,
      envelope.idempotencyKey,
      requestHash(envelope),
      streamId,
    );
    if (claim.outcome === 'different_request') throw idempotencyKeyReused(envelope.idempotencyKey);
    // A retry of a keyed request must look through the whole stream for what the key produced.
    if (claim.outcome === 'same_request') since = undefined;
    let result: CommandResult;
    try {
      result = await this.decideAndAppend(envelope, streamId, occurredAt, since);
    } catch (error) {
      // Only a refusal lets the key go: after an outage the command may have been appended, and a retry must find it.
      if (refusal(error)) await claim.refused().catch(() => undefined);
      throw error;
    }
    await claim.accepted();
    return result;
  }

  private async decideAndAppend(
    envelope: CommandEnvelope,
    streamId: string,
    occurredAt: Date,
    since: DecisionPoint | undefined,
  ): Promise<CommandResult> {
    const unread = since && (await this.appendOnCachedState(envelope, streamId, occurredAt, since));
    if (unread) return unread;
    try {
      return await this.attempt(envelope, streamId, occurredAt, since);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (envelope.expectedVersion !== undefined)
        throw versionMismatch(streamId, envelope.expectedVersion, error.actual);
    }
    try {
      return await this.attempt(envelope, streamId, occurredAt);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw concurrentWriteLost(streamId);
      throw error;
    }
  }

  private async appendOnCachedState(
    envelope: CommandEnvelope,
    streamId: string,
    occurredAt: Date,
    since: DecisionPoint,
  ): Promise<CommandResult | undefined> {
    if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== since.version) return undefined;
    const decider = deciderFor(envelope.command.type);
    let decided: DomainEvent[];
    try {
      decided = decider.decide(envelope.command, since.state, this.contextOf(envelope));
    } catch {
      return undefined;
    }
    if (decided.length === 0) return undefined;
    try {
      return await this.append(envelope, streamId, occurredAt, since, decided);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return undefined;
      throw error;
    }
  }

  /**
   * `since`: where this process last left the stream, for the first attempt only (a retry reads it
   * whole). A keyed command returns what its key already produced: a concurrent request with the
   * same key may have won the race.
   */
  private async attempt(
    envelope: CommandEnvelope,
    streamId: string,
    occurredAt: Date,
    since?: DecisionPoint,
  ): Promise<CommandResult> {
    const { tenant } = envelope;
    const decider = deciderFor(envelope.command.type);
    const events = await this.store.readStream(
      tenant,
      streamId,
      since ? { fromVersion: since.version + 1 } : undefined,
    );
    const last = events.at(-1);
    const version = last?.version ?? since?.version ?? 0;
    const position = last?.position ?? since?.position ?? 0;
    const earlier = envelope.idempotencyKey
      ? events.filter((event) => event.metadata.idempotencyKey === envelope.idempotencyKey)
      : [];
    if (earlier.length) return resultOf(streamId, earlier);
    if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== version) {
      throw versionMismatch(streamId, envelope.expectedVersion, version);
    }
    const state = fold(decider.evolve, since ? since.state : decider.initialState(), events.map(toDomainEvent));
    const decided = decider.decide(envelope.command, state, this.contextOf(envelope));
    if (decided.length === 0) {
      this.decisions.put(tenant, streamId, { version, position, state });
      return { streamId, version, position, events: [] };
    }
    return this.append(envelope, streamId, occurredAt, { version, position, state }, decided);
  }

  /** Who decides (the caller's token subject) under which of its municipality's rules. */
  private contextOf(envelope: CommandEnvelope): DecisionContext {
    return { decidedBy: envelope.actor.subject, rules: this.tenantRules(envelope.tenant) };
  }

  private async append(
    envelope: CommandEnvelope,
    streamId: string,
    occurredAt: Date,
    at: DecisionPoint,
    decided: DomainEvent[],
  ): Promise<CommandResult> {
    const { tenant } = envelope;
    const decider = deciderFor(envelope.command.type);
    const stored = await this.codec.encode(tenant, decided, this.clock());
    const appended = await this.store.append(
      tenant,
      streamId,
      decided.map((event, i) => toAppend(event.type, stored[i], envelope, occurredAt)),
      at.version,
    );
    this.decisions.put(tenant, streamId, {
      version: appended.version,
      position: appended.position,
      state: fold(decider.evolve, at.state, decided),
    });
    this.onAppended();
    return resultOf(streamId, appended.events);
  }
}

/** Deciders read no personal data, so the stream is folded without opening any. */
const toDomainEvent = (event: RecordedEvent) => decodeWithoutPersonalData(event);

const toAppend = (
  type: string,
  data: Readonly<Record<string, unknown>>,
  envelope: CommandEnvelope,
  occurredAt: Date,
): EventToAppend => ({
  eventId: randomUUID(),
  type,
  schemaVersion: schemaVersionOf(type),
  data,
  occurredAt,
  metadata: {
    actor: envelope.actor,
    correlationId: envelope.correlationId,
    causationId: envelope.commandId,
    ...(envelope.idempotencyKey ? { idempotencyKey: envelope.idempotencyKey } : {}),
  },
});

function resultOf(streamId: string, events: readonly RecordedEvent[]): CommandResult {
  const last = events[events.length - 1];
  return {
    streamId,
    version: last.version,
    position: last.position,
    events: events.map(({ eventId, type }) => ({ eventId, type })),
  };
}

/** The command was refused for what it asks (a rule, a version, its content): nothing of it was appended. */
const refusal = (error: unknown) =>
  error instanceof DomainError ||
  error instanceof StreamDeletedError ||
  error instanceof UnstorableEventError ||
  error instanceof CommandRejected;

/** What makes two requests "the same" for an Idempotency-Key: the command and the stated business time. */
function requestHash({ command, occurredAt }: CommandEnvelope): string {
  return createHash('sha256')
    .update(canonicalJson({ command, occurredAt: occurredAt?.toISOString() ?? null }))
    .digest('hex');
}
