import { Message } from './message';

export type AggregateCategory = 'initiative' | 'unit' | 'fund' | 'case';

/**
 * The pure heart of an aggregate. `decide` throws a DomainError to reject a command; it never
 * reads a clock or does I/O. `evolve` must accept every event the aggregate ever emitted.
 */
export interface Decider<C extends Message<string, object>, E extends Message<string, object>, S> {
  readonly category: AggregateCategory;
  readonly commandTypes: readonly C['type'][];
  readonly eventTypes: readonly E['type'][];
  initialState(): S;
  /** The aggregate id the command targets (e.g. `caseId`), without the category prefix. */
  aggregateIdOf(command: C): string;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
}

export const streamIdFor = (category: AggregateCategory, aggregateId: string): string => `${category}-${aggregateId}`;

export const fold = <E, S>(evolve: (state: S, event: E) => S, initial: S, events: Iterable<E>): S => {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
};
