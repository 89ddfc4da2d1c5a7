import { assertNever, DomainError, isNonBlank, isPositiveCents, optional, ownValue } from '../shared';
import { AwardGrant, DisburseGrant, FundCommand, IncreaseFundBudget, OpenFund, RejectApplication } from './commands';
import { FundErrors } from './errors';
import { FundEvent } from './events';
import { FundState, OpenedFund, remainingBudgetCents } from './state';

export const decideFund = (command: FundCommand, state: FundState): FundEvent[] => {
  switch (command.type) {
    case 'OpenFund':
      return open(command, state);
    case 'IncreaseFundBudget':
      return increaseBudget(command, requireOpen(state, command.data.fundId));
    case 'AwardGrant':
      return award(command, requireOpen(state, command.data.fundId));
    case 'RejectApplication':
      return reject(command, requireOpen(state, command.data.fundId));
    case 'DisburseGrant':
      return disburse(command, requireOpen(state, command.data.fundId));
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

const increaseBudget = ({ data }: IncreaseFundBudget, _fund: OpenedFund): FundEvent[] => {
  requirePositiveCents('amountCents', data.amountCents);
  return [
    { type: 'FundBudgetIncreased', data: { fundId: data.fundId, amountCents: data.amountCents, reason: data.reason } },
  ];
};

const award = ({ data }: AwardGrant, fund: OpenedFund): FundEvent[] => {
  requireUndecided(fund, data.applicationId);
  requirePositiveCents('amountCents', data.amountCents);
  const remainingCents = remainingBudgetCents(fund);
  if (data.amountCents > remainingCents) {
    throw new DomainError(
      FundErrors.BUDGET_EXCEEDED,
      `Award of ${data.amountCents} cents exceeds the remaining budget of ${remainingCents} cents`,
      'rule_violated',
      { fundId: fund.fundId, requestedCents: data.amountCents, remainingCents },
    );
  }
  return [
    {
      type: 'GrantAwarded',
      data: {
        fundId: data.fundId,
        applicationId: data.applicationId,
        caseId: data.caseId,
        amountCents: data.amountCents,
        ...optional('rationale', data.rationale),
      },
    },
  ];
};

const reject = ({ data }: RejectApplication, fund: OpenedFund): FundEvent[] => {
  requireUndecided(fund, data.applicationId);
  if (!isNonBlank(data.rationale)) {
    throw new DomainError(
      FundErrors.RATIONALE_REQUIRED,
      'Rejecting an application needs a rationale',
      'rule_violated',
      {
        applicationId: data.applicationId,
      },
    );
  }
  return [
    {
      type: 'ApplicationRejected',
      data: { fundId: data.fundId, applicationId: data.applicationId, caseId: data.caseId, rationale: data.rationale },
    },
  ];
};

const disburse = ({ data }: DisburseGrant, fund: OpenedFund): FundEvent[] => {
  const application = ownValue(fund.applications, data.applicationId);
  if (application === undefined || application.decision !== 'awarded') {
    throw new DomainError(
      FundErrors.APPLICATION_NOT_AWARDED,
      `Application ${data.applicationId} has no grant awarded from this fund`,
      'rule_violated',
      { applicationId: data.applicationId, decision: application?.decision ?? null },
    );
  }
  requirePositiveCents('amountCents', data.amountCents);
  const remainingCents = application.awardedCents - application.disbursedCents;
  if (data.amountCents > remainingCents) {
    throw new DomainError(
      FundErrors.DISBURSEMENT_EXCEEDS_AWARD,
      `Disbursing ${data.amountCents} cents would exceed the award; ${remainingCents} cents are left`,
      'rule_violated',
      {
        applicationId: data.applicationId,
        requestedCents: data.amountCents,
        awardedCents: application.awardedCents,
        disbursedCents: application.disbursedCents,
        remainingCents,
      },
    );
  }
  return [
    {
      type: 'GrantDisbursed',
      data: {
        fundId: data.fundId,
        applicationId: data.applicationId,
        caseId: application.caseId,
        amountCents: data.amountCents,
      },
    },
  ];
};

const requireOpen = (state: FundState, fundId: string): OpenedFund => {
  if (state.status === 'unopened') {
    throw new DomainError(FundErrors.NOT_FOUND, `Fund ${fundId} does not exist`, 'not_found', { fundId });
  }
  return state;
};

const requireUndecided = (fund: OpenedFund, applicationId: string): void => {
  const application = ownValue(fund.applications, applicationId);
  if (application !== undefined) {
    throw new DomainError(
      FundErrors.APPLICATION_ALREADY_DECIDED,
      `Application ${applicationId} was already ${application.decision}`,
      'rule_violated',
      { applicationId, decision: application.decision },
    );
  }
};

const requirePositiveCents = (field: string, value: number): void => {
  if (!isPositiveCents(value)) throw invalidAmount(field, value, 'an integer number of cents > 0');
};

const invalidAmount = (field: string, value: number, expected: string): DomainError =>
  new DomainError(FundErrors.INVALID_AMOUNT, `${field} must be ${expected}`, 'rule_violated', { field, value });
