import { Decider } from '../shared';
import { INITIATIVE_COMMAND_TYPES, InitiativeCommand } from './commands';
import { decideInitiative } from './decide';
import { INITIATIVE_EVENT_TYPES, InitiativeEvent } from './events';
import { evolveInitiative } from './evolve';
import { initialInitiativeState, InitiativeState } from './state';

export const initiativeDecider: Decider<InitiativeCommand, InitiativeEvent, InitiativeState> = {
  category: 'initiative',
  commandTypes: INITIATIVE_COMMAND_TYPES,
  eventTypes: INITIATIVE_EVENT_TYPES,
  initialState: initialInitiativeState,
  aggregateIdOf: (command) => command.data.initiativeId,
  decide: decideInitiative,
  evolve: evolveInitiative,
};
