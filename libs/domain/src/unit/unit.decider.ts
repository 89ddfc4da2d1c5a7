import { Decider } from '../shared';
import { UNIT_COMMAND_TYPES, UnitCommand } from './commands';
import { decideUnit } from './decide';
import { UNIT_EVENT_TYPES, UnitEvent } from './events';
import { evolveUnit } from './evolve';
import { initialUnitState, UnitState } from './state';

export const unitDecider: Decider<UnitCommand, UnitEvent, UnitState> = {
  category: 'unit',
  commandTypes: UNIT_COMMAND_TYPES,
  eventTypes: UNIT_EVENT_TYPES,
  initialState: initialUnitState,
  aggregateIdOf: (command) => command.data.unitId,
  decide: decideUnit,
  evolve: evolveUnit,
};
