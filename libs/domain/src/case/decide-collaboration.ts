import { DomainError, optional } from '../shared';
import {
  AssignContactPerson,
  AssignSponsor,
  LinkCouncilResolution,
  RecordInteraction,
  RecordTrustFeedback,
} from './commands';
import { CaseErrors, CouncilResolutionErrors, InteractionErrors, SponsorErrors, TrustFeedbackErrors } from './errors';
import { CaseEvent } from './events';
import { requireDate } from './guards';
import { ExistingCase } from './state';
import { TRUST_DRIVERS, TRUST_SCORE_MAX, TRUST_SCORE_MIN, TrustScores } from './values';

export const assignContactPerson = ({ data }: AssignContactPerson, existing: ExistingCase): CaseEvent[] => {
  if (existing.contactPerson?.staffRef === data.staffRef) {
    throw new DomainError(
      CaseErrors.SAME_CONTACT_PERSON,
      `${data.staffRef} already is the contact person of case ${data.caseId}`,
      'rule_violated',
      { caseId: data.caseId, staffRef: data.staffRef },
    );
  }
  return [
    {
      type: 'ContactPersonAssigned',
      data: {
        caseId: data.caseId,
        staffRef: data.staffRef,
        unitId: data.unitId,
        ...optional('handoverNote', data.handoverNote),
      },
    },
  ];
};

export const recordInteraction = ({ data }: RecordInteraction, existing: ExistingCase): CaseEvent[] => {
  if (existing.interactionIds.includes(data.interactionId)) {
    throw new DomainError(
      InteractionErrors.ALREADY_EXISTS,
      `Interaction ${data.interactionId} is already recorded on case ${data.caseId}`,
      'rule_violated',
      { caseId: data.caseId, interactionId: data.interactionId },
    );
  }
  if (!Number.isSafeInteger(data.durationMinutes) || data.durationMinutes < 0) {
    throw new DomainError(
      InteractionErrors.INVALID_DURATION,
      'durationMinutes must be an integer >= 0',
      'rule_violated',
      { durationMinutes: data.durationMinutes },
    );
  }
  return [
    {
      type: 'InteractionRecorded',
      data: {
        caseId: data.caseId,
        interactionId: data.interactionId,
        kind: data.kind,
        initiatedBy: data.initiatedBy,
        participationLevel: data.participationLevel,
        staffRef: data.staffRef,
        unitId: data.unitId,
        durationMinutes: data.durationMinutes,
        summary: data.summary,
      },
    },
  ];
};

export const assignSponsor = ({ data }: AssignSponsor, existing: ExistingCase): CaseEvent[] => {
  if (existing.sponsorRefs.includes(data.sponsorRef)) {
    throw new DomainError(
      SponsorErrors.ALREADY_ASSIGNED,
      `${data.sponsorRef} already sponsors case ${data.caseId}`,
      'rule_violated',
      { caseId: data.caseId, sponsorRef: data.sponsorRef },
    );
  }
  return [
    {
      type: 'SponsorAssigned',
      data: { caseId: data.caseId, sponsorRef: data.sponsorRef, sponsorKind: data.sponsorKind },
    },
  ];
};

export const linkCouncilResolution = ({ data }: LinkCouncilResolution, existing: ExistingCase): CaseEvent[] => {
  requireDate('decidedOn', data.decidedOn);
  const linked = existing.councilResolutions.some(
    (r) => r.resolutionRef === data.resolutionRef && r.decidedOn === data.decidedOn,
  );
  if (linked) {
    throw new DomainError(
      CouncilResolutionErrors.ALREADY_LINKED,
      `Resolution ${data.resolutionRef} of ${data.decidedOn} is already linked to case ${data.caseId}`,
      'rule_violated',
      { caseId: data.caseId, resolutionRef: data.resolutionRef, decidedOn: data.decidedOn },
    );
  }
  return [
    {
      type: 'CouncilResolutionLinked',
      data: {
        caseId: data.caseId,
        resolutionRef: data.resolutionRef,
        body: data.body,
        decidedOn: data.decidedOn,
        outcome: data.outcome,
      },
    },
  ];
};

/** Accepted on open and closed cases alike. */
export const recordTrustFeedback = ({ data }: RecordTrustFeedback, _existing: ExistingCase): CaseEvent[] => {
  for (const driver of TRUST_DRIVERS) {
    const score = data.scores[driver];
    if (!Number.isInteger(score) || score < TRUST_SCORE_MIN || score > TRUST_SCORE_MAX) {
      throw new DomainError(
        TrustFeedbackErrors.INVALID_SCORE,
        `Trust score ${driver} must be an integer from ${TRUST_SCORE_MIN} to ${TRUST_SCORE_MAX}`,
        'rule_violated',
        { driver, score: score ?? null },
      );
    }
  }
  const scores: TrustScores = {
    responsiveness: data.scores.responsiveness,
    reliability: data.scores.reliability,
    integrity: data.scores.integrity,
    openness: data.scores.openness,
    fairness: data.scores.fairness,
  };
  return [
    {
      type: 'TrustFeedbackRecorded',
      data: { caseId: data.caseId, respondent: data.respondent, scores, ...optional('comment', data.comment) },
    },
  ];
};
