import { assertNever, DecisionContext, DomainError } from '../shared';
import { CloseFund, FundCommand, IncreaseFundBudget, OpenFund } from './commands';
import {
  disburseGrant,
  reclaimGrant,
  recordRepayment,
  reviewProofOfUse,
  settleApplication,
  submitProofOfUse,
} from './decide-after-award';
import {
  awardGrant,
  confirmGrantAward,
  receiveApplication,
  rejectApplication,
  withdrawGrantProposal,
} from './decide-award';
import { FundErrors } from './errors';
import { FundEvent } from './events';
import { invalidAmount, requireFund, requirePositiveCents } from './guards';
import { FundState, OpenedFund } from './state';

/**
 * Order of checks: OpenFund and ReceiveApplication need no fund (an application to an unknown fund
 * is refused with an event); every other command needs an opened one (FUND.NOT_FOUND), then the
 * application's state, then the command's own amounts and texts. A closed fund only takes no new
 * applications; the procedure of those it received goes on.
 */
export const decideFund = (command: FundCommand, state: FundState, context: DecisionContext): FundEvent[] => {
  if (command.type === 'OpenFund') return open(command, state);
  if (command.type === 'ReceiveApplication') return receiveApplication(command, state);
  const fund = requireFund(state, command.data.fundId);
  switch (command.type) {
    case 'IncreaseFundBudget':
      return increaseBudget(command);
    case 'CloseFund':
      return close(command, fund);
    case 'AwardGrant':
      return awardGrant(command, fund, context);
    case 'ConfirmGrantAward':
      return confirmGrantAward(command, fund, context);
    case 'WithdrawGrantProposal':
      return withdrawGrantProposal(command, fund);
    case 'RejectApplication':
      return rejectApplication(command, fund);
    case 'DisburseGrant':
      return disburseGrant(command, fund);
    case 'SubmitProofOfUse':
      return submitProofOfUse(command, fund);
    case 'ReviewProofOfUse':
      return reviewProofOfUse(command, fund);
    case 'ReclaimGrant':
      return reclaimGrant(command, fund);
    case 'RecordRepayment':
      return recordRepayment(command, fund);
    case 'SettleApplication':
      return settleApplication(command, fund);
    default:
      return assertNever(command, 'fund command');
  }
};

const open = ({ data }: OpenFund, state: FundState): FundEvent[] => {
  if (state.status !== 'unopened') {
    throw new DomainError(FundErrors.ALREADY_OPENED, `Fund ${data.fundId} is already open`, 'rule_violated', {
      fundId: data.fundId,
    });
  }
  if (!(Number.isSafeInteger(data.budgetCents) && data.budgetCents >= 0)) {
    throw invalidAmount('budgetCents', data.budgetCents, 'an integer number of cents >= 0');
  }
  return [
    {
      type: 'FundOpened',
      data: { fundId: data.fundId, name: data.name, year: data.year, budgetCents: data.budgetCents },
    },
  ];
};

const increaseBudget = ({ data }: IncreaseFundBudget): FundEvent[] => {
  requirePositiveCents('amountCents', data.amountCents);
  return [
    { type: 'FundBudgetIncreased', data: { fundId: data.fundId, amountCents: data.amountCents, reason: data.reason } },
  ];
};

const close = ({ data }: CloseFund, fund: OpenedFund): FundEvent[] => {
  if (fund.status === 'closed') {
    throw new DomainError(FundErrors.ALREADY_CLOSED, `Fund ${data.fundId} is closed already`, 'rule_violated', {
      fundId: data.fundId,
    });
  }
  return [{ type: 'FundClosed', data: { fundId: data.fundId } }];
};
