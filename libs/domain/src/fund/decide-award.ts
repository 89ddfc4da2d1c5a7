import { DecisionContext, DomainError, optional, ownValue } from '../shared';
import {
  AwardGrant,
  ConfirmGrantAward,
  ReceiveApplication,
  RejectApplication,
  WithdrawGrantProposal,
} from './commands';
import { FundErrors } from './errors';
import { ApplicationRefusal, AwardTerms, FundEvent } from './events';
import { requireDate, requirePositiveCents, requireReceived, requireText, requireUndecided } from './guards';
import { FundState, OpenedFund, remainingBudgetCents } from './state';

/**
 * The fund receives an application or refuses it, always with an event (the case must learn the
 * outcome). Receiving the same application of the same case again changes nothing.
 */
export const receiveApplication = ({ data }: ReceiveApplication, state: FundState): FundEvent[] => {
  requirePositiveCents('amountRequestedCents', data.amountRequestedCents);
  const refuse = (code: ApplicationRefusal): FundEvent[] => [{ type: 'ApplicationRefused', data: { ...data, code } }];
  if (state.status === 'unopened') return refuse(FundErrors.NOT_FOUND);
  const known = ownValue(state.applications, data.applicationId);
  if (known?.caseId === data.caseId) return [];
  if (known) return refuse(FundErrors.APPLICATION_ID_IN_USE);
  if (state.status === 'closed') return refuse(FundErrors.CLOSED);
  return [{ type: 'ApplicationReceived', data }];
};

export const awardGrant = ({ data }: AwardGrant, fund: OpenedFund, context: DecisionContext): FundEvent[] => {
  const application = requireUndecided(fund, data.applicationId, data.caseId);
  requirePositiveCents('amountCents', data.amountCents);
  if (application.requestedCents !== null && data.amountCents > application.requestedCents) {
    throw new DomainError(
      FundErrors.AMOUNT_EXCEEDS_REQUEST,
      `Award of ${data.amountCents} cents exceeds the ${application.requestedCents} cents requested`,
      'rule_violated',
      { field: 'amountCents', requestedCents: application.requestedCents, amountCents: data.amountCents },
    );
  }
  requireWithinBudget(fund, data.amountCents);
  const terms = awardTerms(data);
  const award = {
    fundId: data.fundId,
    applicationId: data.applicationId,
    caseId: application.caseId,
    ...terms,
    ...optional('rationale', data.rationale),
  };
  if (data.amountCents >= context.rules.fourEyesThresholdCents) {
    return [{ type: 'GrantAwardProposed', data: { ...award, proposedBy: context.decidedBy } }];
  }
  return [{ type: 'GrantAwarded', data: award }];
};

export const confirmGrantAward = (
  { data }: ConfirmGrantAward,
  fund: OpenedFund,
  context: DecisionContext,
): FundEvent[] => {
  const application = requireReceived(fund, data.applicationId);
  const proposal = application.proposal;
  if (application.status !== 'proposed' || proposal === undefined)
    throw noProposal(data.applicationId, application.status);
  if (proposal.proposedBy === context.decidedBy) {
    throw new DomainError(
      FundErrors.SAME_PERSON,
      `The award of application ${data.applicationId} was proposed by you; another person must confirm it (four eyes)`,
      'rule_violated',
      { applicationId: data.applicationId, amountCents: proposal.amountCents },
    );
  }
  return [
    {
      type: 'GrantAwarded',
      data: {
        fundId: data.fundId,
        applicationId: data.applicationId,
        caseId: application.caseId,
        amountCents: proposal.amountCents,
        proofDueOn: proposal.proofDueOn,
        ...optional('fundedFrom', proposal.fundedFrom),
        ...optional('fundedUntil', proposal.fundedUntil),
        proposedBy: proposal.proposedBy,
      },
    },
  ];
};

export const withdrawGrantProposal = ({ data }: WithdrawGrantProposal, fund: OpenedFund): FundEvent[] => {
  const application = requireReceived(fund, data.applicationId);
  const proposal = application.proposal;
  if (application.status !== 'proposed' || proposal === undefined)
    throw noProposal(data.applicationId, application.status);
  return [
    {
      type: 'GrantProposalWithdrawn',
      data: {
        fundId: data.fundId,
        applicationId: data.applicationId,
        caseId: application.caseId,
        amountCents: proposal.amountCents,
        ...optional('reason', data.reason),
      },
    },
  ];
};

export const rejectApplication = ({ data }: RejectApplication, fund: OpenedFund): FundEvent[] => {
  const application = requireUndecided(fund, data.applicationId, data.caseId);
  requireText('rationale', data.rationale, 'Rejecting an application');
  return [
    {
      type: 'ApplicationRejected',
      data: {
        fundId: data.fundId,
        applicationId: data.applicationId,
        caseId: application.caseId,
        rationale: data.rationale,
      },
    },
  ];
};

/** proofDueOn is required; the funded period, where given, runs forwards and ends before the proof is due. */
const awardTerms = (data: AwardGrant['data']): AwardTerms => {
  requireDate('proofDueOn', data.proofDueOn);
  if (data.fundedFrom !== undefined) requireDate('fundedFrom', data.fundedFrom);
  if (data.fundedUntil !== undefined) requireDate('fundedUntil', data.fundedUntil);
  if (data.fundedFrom !== undefined && data.fundedUntil !== undefined && data.fundedFrom > data.fundedUntil) {
    throw invalidPeriod('fundedUntil', `fundedUntil ${data.fundedUntil} is before fundedFrom ${data.fundedFrom}`);
  }
  const fundingEnds = data.fundedUntil ?? data.fundedFrom;
  if (fundingEnds !== undefined && data.proofDueOn < fundingEnds) {
    throw invalidPeriod(
      'proofDueOn',
      `proofDueOn ${data.proofDueOn} is before the funded period ends (${fundingEnds})`,
    );
  }
  return {
    amountCents: data.amountCents,
    proofDueOn: data.proofDueOn,
    ...optional('fundedFrom', data.fundedFrom),
    ...optional('fundedUntil', data.fundedUntil),
  };
};

const requireWithinBudget = (fund: OpenedFund, amountCents: number): void => {
  const remainingCents = remainingBudgetCents(fund);
  if (amountCents > remainingCents) {
    throw new DomainError(
      FundErrors.BUDGET_EXCEEDED,
      `Award of ${amountCents} cents exceeds the remaining budget of ${remainingCents} cents`,
      'rule_violated',
      { fundId: fund.fundId, requestedCents: amountCents, remainingCents },
    );
  }
};

const noProposal = (applicationId: string, status: string): DomainError =>
  new DomainError(
    FundErrors.NO_AWARD_PROPOSED,
    `No award of application ${applicationId} waits for confirmation (it is ${status})`,
    'rule_violated',
    { applicationId, status },
  );

const invalidPeriod = (field: string, message: string): DomainError =>
  new DomainError(FundErrors.INVALID_PERIOD, message, 'rule_violated', { field });
