import { reactionsTo } from '@koproduktiv/domain';
import type { RecordedEvent } from '@koproduktiv/event-store';
import { decodeWithoutPersonalData } from '@koproduktiv/personal-data';
import type { CommandExecutor } from '../commands';
import type { CommandResult } from '../commands/command-envelope';

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
