import { REACTING_EVENT_TYPES, reactionsTo } from '@koproduktiv/domain';
import type { EventStore, RecordedEvent } from '@koproduktiv/event-store';
import { decodeWithoutPersonalData } from '@koproduktiv/personal-data';
import type { CommandExecutor } from './commands';
import type { CommandEnvelope, CommandResult } from './commands/command-envelope';

const reacting = new Set<string>(REACTING_EVENT_TYPES);

/** Who sends the domain's reactions: Koproduktiv's own process manager, not a person. */
export const REACTION_ACTOR = { subject: 'process-manager', role: 'system' } as const;

/**
 * Sends the domain's reactions to one recorded event through the command path, in the event's
 * tenant, at the event's business time, correlated with it. At least once and idempotent: the
 * Idempotency-Key names the causing event, so a second delivery (a replayed batch, the demo and a
 * running projector both reacting) appends nothing.
 */
export async function react(executor: CommandExecutor, event: RecordedEvent): Promise<CommandResult[]> {
  const commands = reactionsTo(decodeWithoutPersonalData(event));
  const results: CommandResult[] = [];
  for (const [index, command] of commands.entries()) {
    results.push(
      await executor.execute({
        tenant: event.tenant,
        actor: REACTION_ACTOR,
        command,
        occurredAt: event.occurredAt,
        correlationId: event.metadata.correlationId,
        commandId: `${event.eventId}/${index}`,
        idempotencyKey: `reaction:${event.eventId}:${index}`,
      }),
    );
  }
  return results;
}

/** The events of a command's result the domain reacts to, as recorded (a repeated keyed command's too). */
export async function reactingEventsOf(
  store: EventStore,
  tenant: string,
  result: CommandResult,
): Promise<RecordedEvent[]> {
  if (!result.events.some((event) => reacting.has(event.type))) return [];
  const first = result.version - result.events.length + 1;
  const recorded = await store.readStream(tenant, result.streamId, {
    fromVersion: first,
    maxCount: result.events.length,
  });
  return recorded.filter((event) => reacting.has(event.type));
}

/**
 * Runs a command and at once the domain's reactions to what it appended, for callers without a
 * running process manager (tests; the demo does the same step by step). Idempotent like the
 * process manager, which may react as well.
 */
export async function executeWithReactions(
  executor: CommandExecutor,
  store: EventStore,
  envelope: CommandEnvelope,
): Promise<CommandResult> {
  const result = await executor.execute(envelope);
  for (const event of await reactingEventsOf(store, envelope.tenant, result)) await react(executor, event);
  return result;
}
