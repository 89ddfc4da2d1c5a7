import { DomainError, isPositiveCents, isSupportedDate, ownValue, SUPPORTED_YEARS_TEXT } from '../shared';
import { FundErrors } from './errors';
import { FundApplication, FundState, OpenedFund } from './state';

export const requireFund = (state: FundState, fundId: string): OpenedFund => {
  if (state.status === 'unopened') {
    throw new DomainError(FundErrors.NOT_FOUND, `Fund ${fundId} does not exist`, 'not_found', { fundId });
  }
  return state;
};

/** The application as the fund received it; a caseId sent along must be its case. */
export const requireReceived = (fund: OpenedFund, applicationId: string, caseId?: string): FundApplication => {
  const application = ownValue(fund.applications, applicationId);
  if (application === undefined) {
    throw new DomainError(
      FundErrors.APPLICATION_NOT_RECEIVED,
      `Fund ${fund.fundId} has not received an application ${applicationId} (ApplyForFunding on the case comes first; the fund receives it within seconds)`,
      'rule_violated',
      { fundId: fund.fundId, applicationId },
    );
  }
  if (caseId !== undefined && caseId !== application.caseId) {
    throw new DomainError(
      FundErrors.CASE_MISMATCH,
      `Application ${applicationId} belongs to case ${application.caseId}, not to ${caseId}`,
      'rule_violated',
      { field: 'caseId', applicationId, caseId, applicationCaseId: application.caseId },
    );
  }
  return application;
};

/** Received and neither decided nor waiting for the confirmation of a proposed award. */
export const requireUndecided = (fund: OpenedFund, applicationId: string, caseId?: string): FundApplication => {
  const application = requireReceived(fund, applicationId, caseId);
  if (application.status === 'proposed') {
    throw new DomainError(
      FundErrors.AWARD_PROPOSED,
      `An award of application ${applicationId} waits for confirmation; confirm or withdraw it first`,
      'rule_violated',
      { applicationId, proposedCents: application.proposal?.amountCents ?? null },
    );
  }
  if (application.status !== 'received') {
    throw new DomainError(
      FundErrors.APPLICATION_ALREADY_DECIDED,
      `Application ${applicationId} was already ${application.status}`,
      'rule_violated',
      { applicationId, decision: application.status },
    );
  }
  return application;
};

/** Awarded and not settled: the procedure after the award. */
export const requireAwarded = (fund: OpenedFund, applicationId: string): FundApplication => {
  const application = ownValue(fund.applications, applicationId);
  if (application?.status === 'settled') {
    throw new DomainError(
      FundErrors.APPLICATION_SETTLED,
      `Application ${applicationId} is settled; its procedure is closed`,
      'rule_violated',
      { applicationId },
    );
  }
  if (application === undefined || application.status !== 'awarded') {
    throw new DomainError(
      FundErrors.APPLICATION_NOT_AWARDED,
      `Application ${applicationId} has no grant awarded from this fund`,
      'rule_violated',
      { applicationId, decision: application?.status ?? null },
    );
  }
  return application;
};

export const requirePositiveCents = (field: string, value: number): void => {
  if (!isPositiveCents(value)) throw invalidAmount(field, value, 'an integer number of cents > 0');
};

export const requireCentsOrZero = (field: string, value: number): void => {
  if (!(Number.isSafeInteger(value) && value >= 0))
    throw invalidAmount(field, value, 'an integer number of cents >= 0');
};

export const invalidAmount = (field: string, value: number, expected: string): DomainError =>
  new DomainError(FundErrors.INVALID_AMOUNT, `${field} must be ${expected}`, 'rule_violated', { field, value });

export const requireDate = (field: string, value: string | undefined): void => {
  if (value === undefined || !isSupportedDate(value)) {
    throw new DomainError(
      FundErrors.INVALID_DATE,
      `${field} must be a calendar date YYYY-MM-DD ${SUPPORTED_YEARS_TEXT}`,
      'rule_violated',
      { field, value: value ?? null },
    );
  }
};

export const requireText = (field: string, value: string | undefined, what: string): void => {
  if (value === undefined || value.trim().length === 0) {
    throw new DomainError(FundErrors.RATIONALE_REQUIRED, `${what} needs a ${field}`, 'rule_violated', { field });
  }
};
