import { DomainCommand, DomainEvent, deciderFor } from './catalog';
import { DecisionContext, streamIdFor } from './shared';

/**
 * What the domain does by itself in reply to an event: commands to another aggregate, sent by a
 * process manager (at least once; the commands are idempotent). A case's FundingApplied makes the
 * fund receive the application (or refuse it, with an event the case timeline shows).
 */
export const reactionsTo = (event: DomainEvent): DomainCommand[] => {
  if (event.type !== 'FundingApplied') return [];
  const { fundId, applicationId, caseId, amountRequestedCents } = event.data;
  return [{ type: 'ReceiveApplication', data: { fundId, applicationId, caseId, amountRequestedCents } }];
};

/** The event types that cause reactions (a process manager reads only these). */
export const REACTING_EVENT_TYPES = ['FundingApplied'] as const satisfies readonly DomainEvent['type'][];

/** Events by stream id: a whole municipality's store, in memory (for examples and specs). */
export type Streams = Map<string, DomainEvent[]>;

/**
 * Decides `command` against the streams (appending to them), then the domain's reactions to its
 * events, as the command path and the process manager do; returns the command's own events.
 * Throws what the decider throws.
 */
export const decideWithReactions = (
  streams: Streams,
  command: DomainCommand,
  context: DecisionContext,
): DomainEvent[] => {
  const events = decideOn(streams, command, context);
  for (const reaction of events.flatMap(reactionsTo)) decideOn(streams, reaction, context);
  return events;
};

/** The state of the stream `command` targets. */
export const stateFor = (streams: Streams, command: DomainCommand): unknown => {
  const decider = deciderFor(command.type);
  const history = streams.get(streamIdFor(decider.category, decider.aggregateIdOf(command))) ?? [];
  return history.reduce(decider.evolve, decider.initialState());
};

const decideOn = (streams: Streams, command: DomainCommand, context: DecisionContext): DomainEvent[] => {
  const decider = deciderFor(command.type);
  const streamId = streamIdFor(decider.category, decider.aggregateIdOf(command));
  const history = streams.get(streamId) ?? [];
  const events = decider.decide(command, history.reduce(decider.evolve, decider.initialState()), context);
  streams.set(streamId, [...history, ...events]);
  return events;
};
