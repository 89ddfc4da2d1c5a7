import { AGGREGATE_CATEGORIES, AnyDecider, deciders } from './catalog';
import { AggregateCategory, DomainEvent, fold } from './index';
import { fundOpened, initiativeRegistered, requestSubmitted, specContext, unitRegistered } from './testing';

/** The event each aggregate starts with, so that a command reaches the decider's dispatch. */
const opening: Record<AggregateCategory, DomainEvent> = {
  initiative: initiativeRegistered,
  unit: unitRegistered,
  fund: fundOpened(),
  case: requestSubmitted,
};

describe.each(AGGREGATE_CATEGORIES)('the %s decider, given a type it does not know', (category) => {
  let decider: AnyDecider;
  let state: unknown;
  beforeEach(() => {
    decider = deciders[category] as unknown as AnyDecider;
    state = fold(decider.evolve, decider.initialState(), [opening[category]]);
  });

  it('fails on the command instead of deciding nothing', () => {
    const command = { type: 'MergeInto', data: opening[category].data } as never;
    expect(() => decider.decide(command, state, specContext)).toThrow(
      `Unexpected ${category} command: ${JSON.stringify(command)}`,
    );
  });

  it('fails on the event instead of skipping it', () => {
    const event = { type: 'Merged', data: opening[category].data } as never;
    expect(() => decider.evolve(state, event)).toThrow(`Unexpected ${category} event: ${JSON.stringify(event)}`);
  });
});
