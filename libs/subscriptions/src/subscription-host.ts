import type { Logger } from '@koproduktiv/platform';
import type { ProcessorStatus } from './processor-runner';

/** Anything that follows the store and can be started, stopped, woken and asked how far it is. */
export interface Subscription {
  start(): void | Promise<void>;
  stop(): Promise<void>;
  /** Looks for new events now instead of at the next poll. */
  poke(): void;
  /** Undefined while it has nothing running yet (e.g. before its first start). */
  status(): ProcessorStatus | undefined;
}

/**
 * Runs a set of subscriptions together: starts them in the order given (a later one may rely on
 * what an earlier one prepared), stops them all, and reports their statuses for health and metrics.
 */
export class SubscriptionHost {
  constructor(
    private readonly subscriptions: readonly Subscription[],
    private readonly logger?: Logger,
  ) {}

  async start(): Promise<void> {
    for (const subscription of this.subscriptions) await subscription.start();
    this.logger?.info({ processors: this.statuses().map((s) => s.name) }, 'projector started');
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((subscription) => subscription.stop()));
  }

  /** Wakes the subscriptions after an append, so reads catch up without waiting for the next poll. */
  poke(): void {
    for (const subscription of this.subscriptions) subscription.poke();
  }

  statuses(): ProcessorStatus[] {
    return this.subscriptions.flatMap((subscription) => subscription.status() ?? []);
  }
}
