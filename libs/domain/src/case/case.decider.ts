import { Decider } from '../shared';
import { CASE_COMMAND_TYPES, CaseCommand } from './commands';
import { decideCase } from './decide';
import { CASE_EVENT_TYPES, CaseEvent } from './events';
import { evolveCase } from './evolve';
import { CaseState, initialCaseState } from './state';

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  category: 'case',
  commandTypes: CASE_COMMAND_TYPES,
  eventTypes: CASE_EVENT_TYPES,
  initialState: initialCaseState,
  aggregateIdOf: (command) => command.data.caseId,
  decide: decideCase,
  evolve: evolveCase,
};
