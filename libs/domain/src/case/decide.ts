import { assertNever } from '../shared';
import { CaseCommand } from './commands';
import {
  assignContactPerson,
  assignSponsor,
  linkCouncilResolution,
  recordInteraction,
  recordTrustFeedback,
} from './decide-collaboration';
import { fulfilCommitment, makeCommitment, renegotiateCommitment, withdrawCommitment } from './decide-commitments';
import { agreeInterimUse, endInterimUse, extendInterimUse } from './decide-interim-use';
import { acknowledgeRequest, closeCase, reopenCase, shredNarratives, submitRequest } from './decide-lifecycle';
import { awaitInitiative, resumeCase } from './decide-waiting';
import { agreeSupport, applyForFunding, institutionaliseCase, logStaffTime } from './decide-progress';
import { CaseEvent } from './events';
import { requireCase, requireNotClosed } from './guards';
import { CaseState } from './state';

/**
 * Order of checks: SubmitRequest needs no case; every other command needs one (CASE.NOT_FOUND);
 * a closed case accepts only ReopenCase, RecordTrustFeedback and ShredCaseNarratives (CASE.CLOSED); then the command's
 * own rules.
 */
export const decideCase = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  if (command.type === 'SubmitRequest') return submitRequest(command, state);
  const existing = requireCase(state, command.data.caseId);
  if (command.type === 'ReopenCase') return reopenCase(command, existing);
  if (command.type === 'RecordTrustFeedback') return recordTrustFeedback(command, existing);
  if (command.type === 'ShredCaseNarratives') return shredNarratives(command, existing);
  requireNotClosed(existing, command.type);
  switch (command.type) {
    case 'AcknowledgeRequest':
      return acknowledgeRequest(command, existing);
    case 'AssignContactPerson':
      return assignContactPerson(command, existing);
    case 'RecordInteraction':
      return recordInteraction(command, existing);
    case 'MakeCommitment':
      return makeCommitment(command, existing);
    case 'FulfilCommitment':
      return fulfilCommitment(command, existing);
    case 'RenegotiateCommitment':
      return renegotiateCommitment(command, existing);
    case 'WithdrawCommitment':
      return withdrawCommitment(command, existing);
    case 'ApplyForFunding':
      return applyForFunding(command, existing);
    case 'AgreeSupport':
      return agreeSupport(command, existing);
    case 'LogStaffTime':
      return logStaffTime(command, existing);
    case 'AgreeInterimUse':
      return agreeInterimUse(command, existing);
    case 'ExtendInterimUse':
      return extendInterimUse(command, existing);
    case 'EndInterimUse':
      return endInterimUse(command, existing);
    case 'AssignSponsor':
      return assignSponsor(command, existing);
    case 'LinkCouncilResolution':
      return linkCouncilResolution(command, existing);
    case 'InstitutionaliseCase':
      return institutionaliseCase(command, existing);
    case 'CloseCase':
      return closeCase(command, existing);
    case 'AwaitInitiative':
      return awaitInitiative(command, existing);
    case 'ResumeCase':
      return resumeCase(command, existing);
    default:
      return assertNever(command, 'case command');
  }
};
