import { DomainError, isFiniteAtLeast, optional } from '../shared';
import {
  DisburseGrant,
  RecordRepayment,
  ReclaimGrant,
  ReviewProofOfUse,
  SettleApplication,
  SubmitProofOfUse,
} from './commands';
import { FundErrors } from './errors';
import { FundEvent } from './events';
import { requireAwarded, requireCentsOrZero, requirePositiveCents, requireText } from './guards';
import { FundApplication, OpenedFund } from './state';

export const disburseGrant = ({ data }: DisburseGrant, fund: OpenedFund): FundEvent[] => {
  const application = requireAwarded(fund, data.applicationId);
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
  return [{ type: 'GrantDisbursed', data: { ...ids(data, application), amountCents: data.amountCents } }];
};

/** One proof at a time; a new one only after the last was rejected. */
export const submitProofOfUse = ({ data }: SubmitProofOfUse, fund: OpenedFund): FundEvent[] => {
  const application = requireAwarded(fund, data.applicationId);
  if (application.proof !== 'none' && application.proof !== 'rejected') {
    throw new DomainError(
      FundErrors.PROOF_ALREADY_SUBMITTED,
      application.proof === 'submitted'
        ? `A proof of use of application ${data.applicationId} waits for its review`
        : `The proof of use of application ${data.applicationId} was already reviewed (${application.proof})`,
      'rule_violated',
      { applicationId: data.applicationId, proof: application.proof },
    );
  }
  requireCentsOrZero('spentCents', data.spentCents);
  if (data.volunteerHours !== undefined && !isFiniteAtLeast(data.volunteerHours, 0)) {
    throw new DomainError(FundErrors.INVALID_HOURS, 'volunteerHours must be a number >= 0', 'rule_violated', {
      field: 'volunteerHours',
      value: data.volunteerHours,
    });
  }
  return [
    {
      type: 'ProofOfUseSubmitted',
      data: {
        ...ids(data, application),
        spentCents: data.spentCents,
        reportRef: data.reportRef,
        ...optional('volunteerHours', data.volunteerHours),
      },
    },
  ];
};

/**
 * acceptedCents is what the proof shows was used as agreed: at most what was spent and what was
 * awarded. The outcome must say the same: accepted covers all that was paid out, partially
 * accepted some of it, rejected none.
 */
export const reviewProofOfUse = ({ data }: ReviewProofOfUse, fund: OpenedFund): FundEvent[] => {
  const application = requireAwarded(fund, data.applicationId);
  if (application.proof !== 'submitted') {
    throw new DomainError(
      FundErrors.NO_PROOF_SUBMITTED,
      `No proof of use of application ${data.applicationId} waits for review`,
      'rule_violated',
      { applicationId: data.applicationId, proof: application.proof },
    );
  }
  requireCentsOrZero('acceptedCents', data.acceptedCents);
  const limitCents = Math.min(application.spentCents, application.awardedCents);
  if (data.acceptedCents > limitCents) {
    throw new DomainError(
      FundErrors.ACCEPTED_EXCEEDS_PROOF,
      `acceptedCents ${data.acceptedCents} exceeds what was spent (${application.spentCents}) or awarded (${application.awardedCents})`,
      'rule_violated',
      {
        field: 'acceptedCents',
        acceptedCents: data.acceptedCents,
        spentCents: application.spentCents,
        awardedCents: application.awardedCents,
      },
    );
  }
  if (!outcomeFits(data.outcome, data.acceptedCents, application.disbursedCents)) {
    throw new DomainError(
      FundErrors.OUTCOME_CONTRADICTS_AMOUNT,
      `Outcome ${data.outcome} does not fit ${data.acceptedCents} cents accepted of ${application.disbursedCents} cents disbursed`,
      'rule_violated',
      {
        field: 'outcome',
        outcome: data.outcome,
        acceptedCents: data.acceptedCents,
        disbursedCents: application.disbursedCents,
      },
    );
  }
  requireText('rationale', data.rationale, 'Reviewing a proof of use');
  return [
    {
      type: 'ProofOfUseReviewed',
      data: {
        ...ids(data, application),
        outcome: data.outcome,
        acceptedCents: data.acceptedCents,
        rationale: data.rationale,
      },
    },
  ];
};

const outcomeFits = (outcome: ReviewProofOfUse['data']['outcome'], acceptedCents: number, disbursedCents: number) => {
  switch (outcome) {
    case 'accepted':
      return acceptedCents >= disbursedCents;
    case 'partially_accepted':
      return acceptedCents > 0 && acceptedCents < disbursedCents;
    case 'rejected':
      return acceptedCents === 0;
    default:
      return false;
  }
};

/** What may be reclaimed: paid out, not accepted by a review, not reclaimed already. */
export const reclaimableCents = (application: FundApplication): number =>
  Math.max(0, application.disbursedCents - application.acceptedCents - application.reclaimedCents);

export const reclaimGrant = ({ data }: ReclaimGrant, fund: OpenedFund): FundEvent[] => {
  const application = requireAwarded(fund, data.applicationId);
  requirePositiveCents('amountCents', data.amountCents);
  const reclaimable = reclaimableCents(application);
  if (data.amountCents > reclaimable) {
    throw new DomainError(
      FundErrors.RECLAIM_EXCEEDS_UNACCEPTED,
      `Reclaiming ${data.amountCents} cents exceeds the ${reclaimable} cents disbursed and neither accepted nor reclaimed`,
      'rule_violated',
      {
        field: 'amountCents',
        amountCents: data.amountCents,
        disbursedCents: application.disbursedCents,
        acceptedCents: application.acceptedCents,
        reclaimedCents: application.reclaimedCents,
        reclaimableCents: reclaimable,
      },
    );
  }
  requireText('reason', data.reason, 'Reclaiming a grant');
  return [
    {
      type: 'GrantReclaimed',
      data: { ...ids(data, application), amountCents: data.amountCents, reason: data.reason },
    },
  ];
};

export const recordRepayment = ({ data }: RecordRepayment, fund: OpenedFund): FundEvent[] => {
  const application = requireAwarded(fund, data.applicationId);
  requirePositiveCents('amountCents', data.amountCents);
  const outstanding = application.reclaimedCents - application.repaidCents;
  if (data.amountCents > outstanding) {
    throw new DomainError(
      FundErrors.REPAYMENT_EXCEEDS_RECLAIM,
      `A repayment of ${data.amountCents} cents exceeds the ${outstanding} cents reclaimed and not repaid`,
      'rule_violated',
      {
        field: 'amountCents',
        amountCents: data.amountCents,
        reclaimedCents: application.reclaimedCents,
        repaidCents: application.repaidCents,
        outstandingCents: outstanding,
      },
    );
  }
  return [{ type: 'RepaymentRecorded', data: { ...ids(data, application), amountCents: data.amountCents } }];
};

/**
 * Closes the procedure: money paid out needs a reviewed proof of use, reclaimed money must be
 * repaid; what was awarded and never paid out goes back to the budget.
 */
export const settleApplication = ({ data }: SettleApplication, fund: OpenedFund): FundEvent[] => {
  const application = requireAwarded(fund, data.applicationId);
  if (application.disbursedCents > 0 && (application.proof === 'none' || application.proof === 'submitted')) {
    throw new DomainError(
      FundErrors.PROOF_NOT_REVIEWED,
      `Application ${data.applicationId} had ${application.disbursedCents} cents paid out; its proof of use must be reviewed before it is settled`,
      'rule_violated',
      { applicationId: data.applicationId, disbursedCents: application.disbursedCents, proof: application.proof },
    );
  }
  const outstanding = application.reclaimedCents - application.repaidCents;
  if (outstanding > 0) {
    throw new DomainError(
      FundErrors.REPAYMENT_OUTSTANDING,
      `${outstanding} cents reclaimed from application ${data.applicationId} are not repaid yet`,
      'rule_violated',
      { applicationId: data.applicationId, reclaimedCents: application.reclaimedCents, outstandingCents: outstanding },
    );
  }
  return [
    {
      type: 'ApplicationSettled',
      data: { ...ids(data, application), releasedCents: application.awardedCents - application.disbursedCents },
    },
  ];
};

const ids = (data: { fundId: string; applicationId: string }, application: FundApplication) => ({
  fundId: data.fundId,
  applicationId: data.applicationId,
  caseId: application.caseId,
});
