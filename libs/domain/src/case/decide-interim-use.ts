import { DomainError, ownValue } from '../shared';
import { AgreeInterimUse, EndInterimUse, ExtendInterimUse } from './commands';
import { InterimUseErrors } from './errors';
import { CaseEvent } from './events';
import { requireDate } from './guards';
import { ExistingCase, InterimUseState } from './state';

export const agreeInterimUse = ({ data }: AgreeInterimUse, existing: ExistingCase): CaseEvent[] => {
  if (ownValue(existing.interimUses, data.agreementId) !== undefined) {
    throw new DomainError(
      InterimUseErrors.ALREADY_EXISTS,
      `Interim use agreement ${data.agreementId} already exists on case ${data.caseId}`,
      'rule_violated',
      { caseId: data.caseId, agreementId: data.agreementId },
    );
  }
  requireDate('startsOn', data.startsOn);
  requireDate('endsOn', data.endsOn);
  if (data.endsOn <= data.startsOn) {
    throw new DomainError(
      InterimUseErrors.INVALID_PERIOD,
      `An interim use must end after it starts (startsOn ${data.startsOn}, endsOn ${data.endsOn})`,
      'rule_violated',
      { startsOn: data.startsOn, endsOn: data.endsOn },
    );
  }
  return [
    {
      type: 'InterimUseAgreed',
      data: {
        caseId: data.caseId,
        agreementId: data.agreementId,
        propertyRef: data.propertyRef,
        propertyKind: data.propertyKind,
        startsOn: data.startsOn,
        endsOn: data.endsOn,
        licenceToTry: data.licenceToTry,
        conditions: [...data.conditions],
      },
    },
  ];
};

export const extendInterimUse = ({ data }: ExtendInterimUse, existing: ExistingCase): CaseEvent[] => {
  const agreement = requireActiveAgreement(existing, data.agreementId);
  requireDate('newEndsOn', data.newEndsOn);
  if (data.newEndsOn <= agreement.endsOn) {
    throw new DomainError(
      InterimUseErrors.NOT_LATER,
      `newEndsOn ${data.newEndsOn} is not after the current end ${agreement.endsOn}`,
      'rule_violated',
      { agreementId: data.agreementId, currentEndsOn: agreement.endsOn, newEndsOn: data.newEndsOn },
    );
  }
  return [
    {
      type: 'InterimUseExtended',
      data: { caseId: data.caseId, agreementId: data.agreementId, newEndsOn: data.newEndsOn },
    },
  ];
};

export const endInterimUse = ({ data }: EndInterimUse, existing: ExistingCase): CaseEvent[] => {
  requireActiveAgreement(existing, data.agreementId);
  return [
    { type: 'InterimUseEnded', data: { caseId: data.caseId, agreementId: data.agreementId, reason: data.reason } },
  ];
};

/** Active = agreed and not ended by an InterimUseEnded (the domain has no clock to compare endsOn). */
const requireActiveAgreement = (existing: ExistingCase, agreementId: string): InterimUseState => {
  const agreement = ownValue(existing.interimUses, agreementId);
  if (agreement === undefined) {
    throw new DomainError(
      InterimUseErrors.NOT_FOUND,
      `Interim use agreement ${agreementId} does not exist on case ${existing.caseId}`,
      'rule_violated',
      { caseId: existing.caseId, agreementId },
    );
  }
  if (agreement.status !== 'active') {
    throw new DomainError(
      InterimUseErrors.NOT_ACTIVE,
      `Interim use agreement ${agreementId} has ended`,
      'rule_violated',
      { caseId: existing.caseId, agreementId },
    );
  }
  return agreement;
};
