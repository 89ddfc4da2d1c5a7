/**
 * Given/when/then specs for deciders (jest):
 *
 *   given(caseDecider, [requestSubmitted]).when(closeCase).then([caseClosed]);
 *   given(caseDecider, []).when(closeCase).thenThrows('CASE.NOT_FOUND', 'not_found');
 *
 * `then` compares strictly (an `undefined` field is not the same as a missing one) and checks that
 * the events survive a JSON round trip unchanged, as they must to be stored and hashed.
 */
import { DecisionContext, Decider, DEFAULT_TENANT_RULES, DomainError, DomainErrorKind, fold, Message } from '../shared';

type AnyMessage = Message<string, object>;

export interface DeciderSpecWhen<E, S> {
  /** Asserts the emitted events and returns the state after evolving them. */
  then(expected: readonly E[]): S;
  /** Asserts a DomainError with this code and kind (default `rule_violated`); returns it. */
  thenThrows(code: string, kind?: DomainErrorKind): DomainError;
}

export interface DeciderSpecGiven<C, E, S> {
  /** The state folded from the given events. */
  readonly state: S;
  /** `context` defaults to `specContext`: a clerk under the default tenant rules. */
  when(command: C, context?: DecisionContext): DeciderSpecWhen<E, S>;
}

/** Who decides in a spec unless it says otherwise. */
export const specContext: DecisionContext = { decidedBy: 'clerk-anna', rules: DEFAULT_TENANT_RULES };

export const given = <C extends AnyMessage, E extends AnyMessage, S>(
  decider: Decider<C, E, S>,
  events: readonly E[] = [],
): DeciderSpecGiven<C, E, S> => {
  const state = fold(decider.evolve, decider.initialState(), events);
  return {
    state,
    when: (command, context = specContext) => ({
      then: (expected) => {
        const actual = decider.decide(command, state, context);
        expect(actual).toStrictEqual(expected);
        expect(JSON.parse(JSON.stringify(actual))).toStrictEqual(actual);
        for (const event of actual) expect(decider.eventTypes).toContain(event.type);
        return fold(decider.evolve, state, actual);
      },
      thenThrows: (code, kind = 'rule_violated') => {
        let thrown: unknown;
        try {
          const events = decider.decide(command, state, context);
          thrown = new Error(`Expected ${code}, but ${command.type} emitted ${JSON.stringify(events)}`);
        } catch (error) {
          thrown = error;
        }
        if (!(thrown instanceof DomainError)) throw thrown;
        expect({ code: thrown.code, kind: thrown.kind }).toStrictEqual({ code, kind });
        expectExplained(thrown, command);
        return thrown;
      },
    }),
  };
};

/**
 * What every rejection tells its caller (the problem+json answer carries it): a message, details
 * naming what was refused, and, where a field was at fault, a field the command has.
 */
function expectExplained(error: DomainError, command: AnyMessage): void {
  expect(error.name).toBe('DomainError');
  expect(error.message).toMatch(/\S/);
  expect(Object.keys(error.details ?? {})).not.toHaveLength(0);
  if (error.details && 'field' in error.details) expect(Object.keys(command.data)).toContain(error.details.field);
}
