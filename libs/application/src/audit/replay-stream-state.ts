import { AggregateCategory, AnyDecider, categoryOf, deciders } from '@koproduktiv/domain';
import type { AsOf, AuditReader, RecordedEvent } from '@koproduktiv/event-store';
import { decodeWithoutPersonalData } from '@koproduktiv/personal-data';

export interface ReplayedState {
  readonly category: AggregateCategory;
  /** The aggregate's state after the events included; it holds no personal data (deciders read none). */
  readonly state: unknown;
}

/**
 * Folds a stream's aggregate over exactly the events recorded by `asOf` (all of them without it),
 * handing each included event to `onEvent` as it goes, so a long stream is never held in memory.
 * Shared by the audit route and `koproduktiv audit replay`. Throws a RangeError for a stream id
 * that names no aggregate (callers check it first).
 */
export async function replayStreamState(
  reader: Pick<AuditReader, 'iterateStreamAsOf'>,
  tenant: string,
  streamId: string,
  asOf: AsOf | undefined,
  onEvent: (event: RecordedEvent) => void = () => undefined,
): Promise<ReplayedState> {
  const category = categoryOf(streamId);
  if (!category) throw new RangeError(`${streamId} names no aggregate`);
  const decider = deciders[category] as unknown as AnyDecider;
  let state = decider.initialState();
  for await (const event of reader.iterateStreamAsOf(tenant, streamId, asOf ?? { position: Number.MAX_SAFE_INTEGER })) {
    state = decider.evolve(state, decodeWithoutPersonalData(event));
    onEvent(event);
  }
  return { category, state };
}
