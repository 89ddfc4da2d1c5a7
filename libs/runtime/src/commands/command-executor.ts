/** The command path, shared by the API and the CLI (demo data); it lives in libs/runtime because apps do not import each other. */
import { createHash, randomUUID } from 'node:crypto';
import { DomainEvent, deciderFor, EVENT_SCHEMA_VERSION, fold, streamIdFor } from '@koproduktiv/domain';
import { canonicalJson, EventStore, EventToAppend, RecordedEvent, WrongExpectedVersionError } from '@koproduktiv/event-store';
import { IdempotencyStore } from '@koproduktiv/platform';
import { CommandEnvelope, CommandResult } from './command-envelope';
import { concurrentWriteLost, idempotencyKeyReused, MAX_FUTURE_SKEW_MS, occurredAtInFuture, versionMismatch } from './command-problems';

/**
 * Runs one command: load the stream, decide, append at the version the decision saw. A lost race is
 * decided once more on fresh state before it is reported. Framework-free, so it is tested directly.
 */
export class CommandExecutor {
  constructor(
    private readonly store: EventStore,
    private readonly idempotency: IdempotencyStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly onAppended: () => void = () => undefined,
  ) {}

  async execute(envelope: CommandEnvelope): Promise<CommandResult> {
    const now = this.clock();
    const occurredAt = envelope.occurredAt ?? now;
    if (occurredAt.getTime() - now.getTime() > MAX_FUTURE_SKEW_MS) throw occurredAtInFuture(occurredAt, now);
    const decider = deciderFor(envelope.command.type);
    const streamId = streamIdFor(decider.category, decider.aggregateIdOf(envelope.command));
    if (envelope.idempotencyKey) {
      const claim = await this.idempotency.claim(envelope.tenant, envelope.idempotencyKey, requestHash(envelope), streamId);
      if (claim === 'different_request') throw idempotencyKeyReused(envelope.idempotencyKey);
    }
    try {
      return await this.attempt(envelope, streamId, occurredAt);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (envelope.expectedVersion !== undefined) throw versionMismatch(streamId, envelope.expectedVersion, error.actual);
    }
    try {
      return await this.attempt(envelope, streamId, occurredAt);
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw concurrentWriteLost(streamId);
      throw error;
    }
  }

  private async attempt(envelope: CommandEnvelope, streamId: string, occurredAt: Date): Promise<CommandResult> {
    const history = await this.store.readStream(envelope.tenant, streamId);
    const version = history.at(-1)?.version ?? 0;
    const earlier = envelope.idempotencyKey ? history.filter((event) => event.metadata.idempotencyKey === envelope.idempotencyKey) : [];
    if (earlier.length) return resultOf(streamId, earlier);
    if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== version) {
      throw versionMismatch(streamId, envelope.expectedVersion, version);
    }
    const decider = deciderFor(envelope.command.type);
    const state = fold(decider.evolve, decider.initialState(), history.map(toDomainEvent));
    const decided = decider.decide(envelope.command, state);
    if (decided.length === 0) return { streamId, version, position: history.at(-1)?.position ?? 0, events: [] };
    const appended = await this.store.append(envelope.tenant, streamId, decided.map((event) => toAppend(event, envelope, occurredAt)), version);
    this.onAppended();
    return resultOf(streamId, appended.events);
  }
}

const toDomainEvent = (event: RecordedEvent) => ({ type: event.type, data: event.data }) as DomainEvent;

const toAppend = (event: DomainEvent, envelope: CommandEnvelope, occurredAt: Date): EventToAppend => ({
  eventId: randomUUID(),
  type: event.type,
  schemaVersion: EVENT_SCHEMA_VERSION,
  data: event.data as Record<string, unknown>,
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
  return { streamId, version: last.version, position: last.position, events: events.map(({ eventId, type }) => ({ eventId, type })) };
}

/** What makes two requests "the same" for an Idempotency-Key: the command and the stated business time. */
function requestHash({ command, occurredAt }: CommandEnvelope): string {
  return createHash('sha256').update(canonicalJson({ command, occurredAt: occurredAt?.toISOString() ?? null })).digest('hex');
}
