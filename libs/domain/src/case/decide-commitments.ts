import { DomainError, ownValue } from '../shared';
import { FulfilCommitment, MakeCommitment, RenegotiateCommitment, WithdrawCommitment } from './commands';
import { CommitmentErrors } from './errors';
import { CaseEvent } from './events';
import { requireDate } from './guards';
import { CommitmentState, ExistingCase } from './state';

export const makeCommitment = ({ data }: MakeCommitment, existing: ExistingCase): CaseEvent[] => {
  if (ownValue(existing.commitments, data.commitmentId) !== undefined) {
    throw new DomainError(
      CommitmentErrors.ALREADY_EXISTS,
      `Commitment ${data.commitmentId} already exists on case ${data.caseId}`,
      'rule_violated',
      { caseId: data.caseId, commitmentId: data.commitmentId },
    );
  }
  requireDate('dueOn', data.dueOn);
  return [
    {
      type: 'CommitmentMade',
      data: {
        caseId: data.caseId,
        commitmentId: data.commitmentId,
        promisor: data.promisor,
        description: data.description,
        dueOn: data.dueOn,
      },
    },
  ];
};

export const fulfilCommitment = ({ data }: FulfilCommitment, existing: ExistingCase): CaseEvent[] => {
  requireOpenCommitment(existing, data.commitmentId);
  return [{ type: 'CommitmentFulfilled', data: { caseId: data.caseId, commitmentId: data.commitmentId } }];
};

export const renegotiateCommitment = ({ data }: RenegotiateCommitment, existing: ExistingCase): CaseEvent[] => {
  requireOpenCommitment(existing, data.commitmentId);
  requireDate('newDueOn', data.newDueOn);
  return [
    {
      type: 'CommitmentRenegotiated',
      data: { caseId: data.caseId, commitmentId: data.commitmentId, newDueOn: data.newDueOn, reason: data.reason },
    },
  ];
};

export const withdrawCommitment = ({ data }: WithdrawCommitment, existing: ExistingCase): CaseEvent[] => {
  requireOpenCommitment(existing, data.commitmentId);
  return [
    {
      type: 'CommitmentWithdrawn',
      data: { caseId: data.caseId, commitmentId: data.commitmentId, reason: data.reason },
    },
  ];
};

const requireOpenCommitment = (existing: ExistingCase, commitmentId: string): CommitmentState => {
  const commitment = ownValue(existing.commitments, commitmentId);
  if (commitment === undefined) {
    throw new DomainError(
      CommitmentErrors.NOT_FOUND,
      `Commitment ${commitmentId} does not exist on case ${existing.caseId}`,
      'rule_violated',
      { caseId: existing.caseId, commitmentId },
    );
  }
  if (commitment.status !== 'open') {
    throw new DomainError(
      CommitmentErrors.NOT_OPEN,
      `Commitment ${commitmentId} is ${commitment.status}, not open`,
      'rule_violated',
      { caseId: existing.caseId, commitmentId, commitmentStatus: commitment.status },
    );
  }
  return commitment;
};
