import { deciderFor, DomainCommand, DomainCommandType, DomainError, streamIdFor } from '@koproduktiv/domain';
import { concurrentWriteLost } from '@koproduktiv/runtime';
import { commandExampleSequence, commandExamples } from './dto/examples';

type Any = {
  decide(command: DomainCommand, state: unknown): { type: string }[];
  evolve(state: unknown, event: unknown): unknown;
  initialState(): unknown;
};

const attempt = (type: DomainCommandType, state: unknown): unknown => {
  try {
    (deciderFor(type) as unknown as Any).decide({ type, data: commandExamples[type] } as DomainCommand, state);
    return undefined;
  } catch (error) {
    return error;
  }
};

/** The state of every example stream after the whole example story (commandExampleSequence), and the case closed once more. */
const storyStates = (): Map<string, unknown> => {
  const states = new Map<string, unknown>();
  for (const { type, body } of [
    ...commandExampleSequence,
    { type: 'CloseCase' as const, body: commandExamples.CloseCase },
  ]) {
    const decider = deciderFor(type);
    const command = { type, data: body } as DomainCommand;
    const id = streamIdFor(decider.category, decider.aggregateIdOf(command));
    const any = decider as unknown as Any;
    const state = states.has(id) ? states.get(id) : any.initialState();
    states.set(
      id,
      any.decide(command, state).reduce((next, event) => any.evolve(next, event), state),
    );
  }
  return states;
};

let afterStory: Map<string, unknown> | undefined;

/** What the domain answers when the example's stream does not exist: a 404 to document, or none if the command creates it. */
export function notFoundExample(type: DomainCommandType): DomainError | undefined {
  const error = attempt(type, (deciderFor(type) as unknown as Any).initialState());
  return error instanceof DomainError && error.kind === 'not_found' ? error : undefined;
}

/**
 * A 409 the command really gets: the domain's answer when the example is sent again after the
 * whole example story (a second registration, a dissolved initiative, a closed case, …), else the
 * lost race any command can meet.
 */
export function conflictExample(type: DomainCommandType) {
  afterStory ??= storyStates();
  const decider = deciderFor(type);
  const id = streamIdFor(
    decider.category,
    decider.aggregateIdOf({ type, data: commandExamples[type] } as DomainCommand),
  );
  const error = attempt(type, afterStory.get(id) ?? (decider as unknown as Any).initialState());
  return error instanceof DomainError && error.kind !== 'not_found' ? error : concurrentWriteLost(id);
}
