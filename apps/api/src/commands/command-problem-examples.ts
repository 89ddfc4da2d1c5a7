import {
  DecisionContext,
  deciderFor,
  decideWithReactions,
  DEFAULT_TENANT_RULES,
  DomainCommand,
  DomainError,
  PublicCommandType,
  stateFor,
  Streams,
} from '@koproduktiv/domain';
import { concurrentWriteLost } from '@koproduktiv/application';
import { commandExampleSequence, commandExamples } from './dto/examples';

type Any = {
  decide(command: DomainCommand, state: unknown, context: DecisionContext): { type: string }[];
  initialState(): unknown;
};

/** The clerk who sends the example story. */
const clerk: DecisionContext = { decidedBy: 'example-clerk', rules: DEFAULT_TENANT_RULES };

const attempt = (type: PublicCommandType, state: unknown): unknown => {
  try {
    (deciderFor(type) as unknown as Any).decide({ type, data: commandExamples[type] } as DomainCommand, state, clerk);
    return undefined;
  } catch (error) {
    return error;
  }
};

/** Every example stream after the whole example story (commandExampleSequence), and the case closed once more. */
const storyStreams = (): Streams => {
  const streams: Streams = new Map();
  for (const { type, body } of [
    ...commandExampleSequence,
    { type: 'CloseCase' as const, body: commandExamples.CloseCase },
  ]) {
    decideWithReactions(streams, { type, data: body } as DomainCommand, clerk);
  }
  return streams;
};

let afterStory: Streams | undefined;

/** What the domain answers when the example's stream does not exist: a 404 to document, or none if the command creates it. */
export function notFoundExample(type: PublicCommandType): DomainError | undefined {
  const error = attempt(type, (deciderFor(type) as unknown as Any).initialState());
  return error instanceof DomainError && error.kind === 'not_found' ? error : undefined;
}

/**
 * A 409 the command really gets: the domain's answer when the example is sent again after the
 * whole example story (a second registration, a dissolved initiative, a closed case, …), else the
 * lost race any command can meet.
 */
export function conflictExample(type: PublicCommandType) {
  afterStory ??= storyStreams();
  const command = { type, data: commandExamples[type] } as DomainCommand;
  const decider = deciderFor(type);
  const error = attempt(type, stateFor(afterStory, command));
  return error instanceof DomainError && error.kind !== 'not_found'
    ? error
    : concurrentWriteLost(`${decider.category}-${decider.aggregateIdOf(command)}`);
}
