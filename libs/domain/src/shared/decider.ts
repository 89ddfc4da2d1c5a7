import { Message } from './message';

export type AggregateCategory = 'initiative' | 'unit' | 'fund' | 'case';

/** The municipality's own rules a decision follows (per tenant, set at boot). */
export interface TenantRules {
  /** Grant awards of at least this amount need a second person (Vier-Augen-Prinzip). */
  readonly fourEyesThresholdCents: number;
}

export const DEFAULT_TENANT_RULES: TenantRules = Object.freeze({ fourEyesThresholdCents: 500_000 });

/**
 * What a decision may depend on besides the command and the state: who decides (the caller's
 * token subject, or the name of one of Koproduktiv's own processes) and under which of the
 * municipality's rules. The command path fills it in; a client cannot send it.
 */
export interface DecisionContext {
  readonly decidedBy: string;
  readonly rules: TenantRules;
}

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
  decide(command: C, state: S, context: DecisionContext): E[];
  evolve(state: S, event: E): S;
}

export const streamIdFor = (category: AggregateCategory, aggregateId: string): string => `${category}-${aggregateId}`;

export const fold = <E, S>(evolve: (state: S, event: E) => S, initial: S, events: Iterable<E>): S => {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
};
