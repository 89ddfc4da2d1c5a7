import { DomainError, optional } from '../shared';
import { AwaitInitiative, ResumeCase } from './commands';
import { CaseErrors } from './errors';
import { CaseEvent } from './events';
import { requireDate } from './guards';
import { ExistingCase } from './state';

/**
 * One wait at a time: to change its reason or `until`, ResumeCase and AwaitInitiative again. The
 * decider cannot tell whether `until` has passed (it reads no clock), so a wait stays on record
 * until ResumeCase or CaseClosed; the metrics end it after `until` all the same.
 */
export const awaitInitiative = ({ data }: AwaitInitiative, existing: ExistingCase): CaseEvent[] => {
  if (existing.waitingForInitiative !== null) {
    throw new DomainError(
      CaseErrors.ALREADY_WAITING,
      `Case ${data.caseId} already waits for the initiative; resume it first to change the wait`,
      'rule_violated',
      { caseId: data.caseId, until: existing.waitingForInitiative.until },
    );
  }
  if (data.until !== undefined) requireDate('until', data.until);
  return [
    {
      type: 'InitiativeAwaited',
      data: { caseId: data.caseId, reason: data.reason, ...optional('until', data.until) },
    },
  ];
};

export const resumeCase = ({ data }: ResumeCase, existing: ExistingCase): CaseEvent[] => {
  if (existing.waitingForInitiative === null) {
    throw new DomainError(
      CaseErrors.NOT_WAITING,
      `Case ${data.caseId} does not wait for the initiative`,
      'rule_violated',
      { caseId: data.caseId },
    );
  }
  return [{ type: 'CaseResumed', data: { caseId: data.caseId } }];
};
