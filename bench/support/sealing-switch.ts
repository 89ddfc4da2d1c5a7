import type { DomainEvent } from '@koproduktiv/domain';
import { EventCodec } from '@koproduktiv/personal-data';

/**
 * The benchmark's codec: the service's, with sealing switched off for a whole comparison run
 * (--sealing off), to measure what encrypting personal data costs a command. Bench only: the
 * service itself has no way to store personal data unsealed.
 */
export class SealingSwitch extends EventCodec {
  sealing = true;

  override encode(
    tenant: string,
    events: readonly DomainEvent[],
    at: Date,
  ): Promise<Readonly<Record<string, unknown>>[]> {
    return this.sealing
      ? super.encode(tenant, events, at)
      : Promise.resolve(events.map((event) => event.data as Readonly<Record<string, unknown>>));
  }
}
