import { Decider } from '../shared';
import { FUND_COMMAND_TYPES, FundCommand } from './commands';
import { decideFund } from './decide';
import { FUND_EVENT_TYPES, FundEvent } from './events';
import { evolveFund } from './evolve';
import { FundState, initialFundState } from './state';

export const fundDecider: Decider<FundCommand, FundEvent, FundState> = {
  category: 'fund',
  commandTypes: FUND_COMMAND_TYPES,
  eventTypes: FUND_EVENT_TYPES,
  initialState: initialFundState,
  aggregateIdOf: (command) => command.data.fundId,
  decide: decideFund,
  evolve: evolveFund,
};
