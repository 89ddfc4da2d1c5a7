import {
  CaseErrors,
  CommitmentErrors,
  CouncilResolutionErrors,
  FundingApplicationErrors,
  InteractionErrors,
  InterimUseErrors,
  SponsorErrors,
  StaffTimeErrors,
  SupportErrors,
  TrustFeedbackErrors,
} from './case/errors';
import { FundErrors } from './fund/errors';
import { InitiativeErrors } from './initiative/errors';
import { UnitErrors } from './unit/errors';

/** Every stable error code, grouped by category. Codes are part of the public contract. */
export const DomainErrorCodes = {
  INITIATIVE: InitiativeErrors,
  UNIT: UnitErrors,
  FUND: FundErrors,
  CASE: CaseErrors,
  INTERACTION: InteractionErrors,
  COMMITMENT: CommitmentErrors,
  FUNDING_APPLICATION: FundingApplicationErrors,
  SUPPORT: SupportErrors,
  STAFF_TIME: StaffTimeErrors,
  INTERIM_USE: InterimUseErrors,
  SPONSOR: SponsorErrors,
  COUNCIL_RESOLUTION: CouncilResolutionErrors,
  TRUST_FEEDBACK: TrustFeedbackErrors,
} as const;

type ValuesOf<T> = T[keyof T];
export type DomainErrorCode = ValuesOf<{
  [K in keyof typeof DomainErrorCodes]: ValuesOf<(typeof DomainErrorCodes)[K]>;
}>;

export const DOMAIN_ERROR_CODES: readonly DomainErrorCode[] = Object.values(DomainErrorCodes).flatMap(
  (group) => Object.values(group) as DomainErrorCode[],
);

/** Codes raised with kind `not_found` (HTTP 404); all others are `rule_violated` (HTTP 409). */
export const NOT_FOUND_ERROR_CODES: readonly DomainErrorCode[] = [
  InitiativeErrors.NOT_FOUND,
  UnitErrors.NOT_FOUND,
  FundErrors.NOT_FOUND,
  CaseErrors.NOT_FOUND,
];
