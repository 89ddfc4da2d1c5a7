import { DomainError, isNonBlank, optional } from '../shared';
import { AcknowledgeRequest, CloseCase, ReopenCase, ShredCaseNarratives, SubmitRequest } from './commands';
import { CaseErrors } from './errors';
import { CaseEvent } from './events';
import { CaseState, ExistingCase } from './state';

export const submitRequest = ({ data }: SubmitRequest, state: CaseState): CaseEvent[] => {
  if (state.status !== 'none') {
    throw new DomainError(CaseErrors.ALREADY_SUBMITTED, `Case ${data.caseId} already exists`, 'rule_violated', {
      caseId: data.caseId,
    });
  }
  return [
    {
      type: 'RequestSubmitted',
      data: {
        caseId: data.caseId,
        initiativeId: data.initiativeId,
        title: data.title,
        description: data.description,
        category: data.category,
        channel: data.channel,
        requestedSupport: [...data.requestedSupport],
      },
    },
  ];
};

export const acknowledgeRequest = ({ data }: AcknowledgeRequest, existing: ExistingCase): CaseEvent[] => {
  if (existing.acknowledgedBy !== null) {
    throw new DomainError(
      CaseErrors.ALREADY_ACKNOWLEDGED,
      `The request of case ${data.caseId} was already acknowledged`,
      'rule_violated',
      { caseId: data.caseId, ...existing.acknowledgedBy },
    );
  }
  return [
    {
      type: 'RequestAcknowledged',
      data: { caseId: data.caseId, unitId: data.unitId, staffRef: data.staffRef, ...optional('note', data.note) },
    },
  ];
};

export const closeCase = ({ data }: CloseCase, existing: ExistingCase): CaseEvent[] => {
  if (data.outcome === 'declined' && !isNonBlank(data.rationale)) {
    throw new DomainError(CaseErrors.RATIONALE_REQUIRED, 'Declining a case needs a rationale', 'rule_violated', {
      caseId: data.caseId,
      outcome: data.outcome,
    });
  }
  return [
    {
      type: 'CaseClosed',
      data: {
        caseId: data.caseId,
        outcome: data.outcome,
        ...optional('rationale', data.rationale),
        stage: existing.stage,
      },
    },
  ];
};

export const reopenCase = ({ data }: ReopenCase, existing: ExistingCase): CaseEvent[] => {
  if (existing.status !== 'closed') {
    throw new DomainError(CaseErrors.NOT_CLOSED, `Case ${data.caseId} is not closed`, 'rule_violated', {
      caseId: data.caseId,
    });
  }
  return [{ type: 'CaseReopened', data: { caseId: data.caseId, reason: data.reason, stage: existing.stage } }];
};

/** Shredding what is already shredded appends nothing: a repeated request (or the retention schedule) is a no-op. */
export const shredNarratives = ({ data }: ShredCaseNarratives, existing: ExistingCase): CaseEvent[] =>
  existing.narratives === 'shredded'
    ? []
    : [{ type: 'CaseNarrativesShredded', data: { caseId: data.caseId, reason: data.reason } }];
