import { DomainError, isSupportedDate, SUPPORTED_YEARS_TEXT } from '../shared';
import { CaseErrors } from './errors';
import { CaseState, ExistingCase } from './state';

export const requireCase = (state: CaseState, caseId: string): ExistingCase => {
  if (state.status === 'none') {
    throw new DomainError(CaseErrors.NOT_FOUND, `Case ${caseId} does not exist`, 'not_found', { caseId });
  }
  return state;
};

export const requireNotClosed = (existing: ExistingCase, commandType: string): void => {
  if (existing.status === 'closed') {
    throw new DomainError(
      CaseErrors.CLOSED,
      `Case ${existing.caseId} is closed; it accepts only ReopenCase, RecordTrustFeedback and ShredCaseNarratives`,
      'rule_violated',
      { caseId: existing.caseId, outcome: existing.closedAs, commandType },
    );
  }
};

export const requireDate = (field: string, value: string): void => {
  if (!isSupportedDate(value)) {
    throw new DomainError(
      CaseErrors.INVALID_DATE,
      `${field} must be a calendar date YYYY-MM-DD ${SUPPORTED_YEARS_TEXT}`,
      'rule_violated',
      {
        field,
        value,
      },
    );
  }
};
