import { DomainError, isPositiveCents, optional, ownValue } from '../shared';
import { AgreeSupport, ApplyForFunding, InstitutionaliseCase, LogStaffTime } from './commands';
import { CaseErrors, FundingApplicationErrors, StaffTimeErrors, SupportErrors } from './errors';
import { CaseEvent } from './events';
import { requireDate } from './guards';
import { ExistingCase } from './state';
import { CaseStage } from './values';

/** Stages from which a case may be institutionalised. */
export const INSTITUTIONALISABLE_STAGES: readonly CaseStage[] = ['support', 'interim_use'];

export const agreeSupport = ({ data }: AgreeSupport, existing: ExistingCase): CaseEvent[] => {
  if (existing.supportIds.includes(data.supportId)) {
    throw new DomainError(
      SupportErrors.ALREADY_EXISTS,
      `Support ${data.supportId} is already agreed on case ${data.caseId}`,
      'rule_violated',
      { caseId: data.caseId, supportId: data.supportId },
    );
  }
  return [
    {
      type: 'SupportAgreed',
      data: { caseId: data.caseId, supportId: data.supportId, kind: data.kind, description: data.description },
    },
  ];
};

export const applyForFunding = ({ data }: ApplyForFunding, existing: ExistingCase): CaseEvent[] => {
  if (ownValue(existing.fundingApplications, data.applicationId) !== undefined) {
    throw new DomainError(
      FundingApplicationErrors.ALREADY_EXISTS,
      `Application ${data.applicationId} already exists on case ${data.caseId}`,
      'rule_violated',
      { caseId: data.caseId, applicationId: data.applicationId },
    );
  }
  if (!isPositiveCents(data.amountRequestedCents)) {
    throw new DomainError(
      FundingApplicationErrors.INVALID_AMOUNT,
      'amountRequestedCents must be an integer number of cents > 0',
      'rule_violated',
      { amountRequestedCents: data.amountRequestedCents },
    );
  }
  return [
    {
      type: 'FundingApplied',
      data: {
        caseId: data.caseId,
        applicationId: data.applicationId,
        fundId: data.fundId,
        amountRequestedCents: data.amountRequestedCents,
        purpose: data.purpose,
      },
    },
  ];
};

export const logStaffTime = ({ data }: LogStaffTime, _existing: ExistingCase): CaseEvent[] => {
  if (!(Number.isFinite(data.hours) && data.hours > 0)) {
    throw new DomainError(StaffTimeErrors.INVALID_HOURS, 'hours must be a number > 0', 'rule_violated', {
      hours: data.hours,
    });
  }
  return [
    {
      type: 'StaffTimeLogged',
      data: {
        caseId: data.caseId,
        unitId: data.unitId,
        staffRef: data.staffRef,
        hours: data.hours,
        activity: data.activity,
      },
    },
  ];
};

export const institutionaliseCase = ({ data }: InstitutionaliseCase, existing: ExistingCase): CaseEvent[] => {
  if (!INSTITUTIONALISABLE_STAGES.includes(existing.stage)) {
    throw new DomainError(
      CaseErrors.INVALID_STAGE_FOR_INSTITUTIONALISATION,
      `A case can be institutionalised only from support or interim_use, not from ${existing.stage}`,
      'rule_violated',
      { caseId: data.caseId, stage: existing.stage, allowedStages: INSTITUTIONALISABLE_STAGES },
    );
  }
  requireDate('effectiveFrom', data.effectiveFrom);
  return [
    {
      type: 'CaseInstitutionalised',
      data: {
        caseId: data.caseId,
        form: data.form,
        effectiveFrom: data.effectiveFrom,
        ...optional('budgetLine', data.budgetLine),
      },
    },
  ];
};
