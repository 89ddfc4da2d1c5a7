import { DomainError, REACTING_EVENT_TYPES } from '@koproduktiv/domain';
import type { GlobalEvent } from '@koproduktiv/event-store';
import type { Logger } from '@koproduktiv/platform';
import type { Processor } from '@koproduktiv/subscriptions';
import { CommandExecutor, react } from '@koproduktiv/application';

const reacting = new Set<string>(REACTING_EVENT_TYPES);

/**
 * The process manager: follows the store's global order with a checkpoint of its own (so it
 * survives restarts and runs once in a cluster) and sends the domain's reactions, e.g. a case's
 * FundingApplied becomes ReceiveApplication on the fund. A batch is acknowledged only after each
 * of its reactions was appended or refused; a crash replays the batch, and the reactions'
 * Idempotency-Keys make the replay append nothing twice. A reaction the domain refuses (no rule of
 * the fund refuses ReceiveApplication for a valid FundingApplied; an application it cannot take is
 * refused with an event) is logged and passed over rather than stopping every later reaction.
 */
export class ReactionsProcessor implements Processor {
  readonly name = 'reactions';

  constructor(
    private readonly executor: CommandExecutor,
    private readonly logger?: Logger,
  ) {}

  async handle(events: readonly GlobalEvent[]): Promise<void> {
    for (const event of events) {
      if (!reacting.has(event.type)) continue;
      try {
        await react(this.executor, event);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger?.error(
          { tenant: event.tenant, eventId: event.eventId, type: event.type, code: error.code },
          'reaction refused by the domain; passed over',
        );
      }
    }
  }
}
