/** Enumerations of the case aggregate: string-literal unions plus their values for validation. */

/** Ordered: a case only ever moves forward through these. */
export const CASE_STAGES = ['request', 'support', 'interim_use', 'institutionalised'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** The later of two stages: an event that would move a case backwards leaves its stage as it is. */
export const advanceStage = (current: CaseStage, target: CaseStage): CaseStage =>
  CASE_STAGES.indexOf(target) > CASE_STAGES.indexOf(current) ? target : current;

/** The two sides of a co-production: who initiated, who promised, who answered. */
export const PARTIES = ['administration', 'initiative'] as const;
export type Party = (typeof PARTIES)[number];

export const REQUEST_CHANNELS = ['contact_point', 'online', 'phone', 'letter', 'in_person'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUESTED_SUPPORT_KINDS = [
  'funding',
  'staff_time',
  'advice',
  'space',
  'permit',
  'networking',
  'equipment',
  'interim_use',
] as const;
export type RequestedSupportKind = (typeof REQUESTED_SUPPORT_KINDS)[number];

export const INTERACTION_KINDS = ['meeting', 'call', 'email', 'site_visit', 'event', 'workshop'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** IAP2 spectrum of public participation, lowest to highest. */
export const PARTICIPATION_LEVELS = ['inform', 'consult', 'involve', 'collaborate', 'empower'] as const;
export type ParticipationLevel = (typeof PARTICIPATION_LEVELS)[number];

export const SUPPORT_KINDS = ['advice', 'space', 'permit', 'networking', 'equipment', 'other'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const PROPERTY_KINDS = ['vacant_shop', 'building', 'land', 'room'] as const;
export type PropertyKind = (typeof PROPERTY_KINDS)[number];

export const INTERIM_USE_END_REASONS = [
  'expired',
  'converted',
  'ended_by_owner',
  'ended_by_initiative',
  'ended_by_administration',
] as const;
export type InterimUseEndReason = (typeof INTERIM_USE_END_REASONS)[number];

export const SPONSOR_KINDS = ['council_member', 'entrepreneur', 'other'] as const;
export type SponsorKind = (typeof SPONSOR_KINDS)[number];

export const COUNCIL_RESOLUTION_OUTCOMES = ['approved', 'rejected', 'deferred'] as const;
export type CouncilResolutionOutcome = (typeof COUNCIL_RESOLUTION_OUTCOMES)[number];

export const INSTITUTIONALISATION_FORMS = [
  'contract',
  'regular_funding',
  'lease',
  'operator_model',
  'municipal_takeover',
  'new_legal_entity',
] as const;
export type InstitutionalisationForm = (typeof INSTITUTIONALISATION_FORMS)[number];

/** OECD drivers of trust in public institutions. */
export const TRUST_DRIVERS = ['responsiveness', 'reliability', 'integrity', 'openness', 'fairness'] as const;
export type TrustDriver = (typeof TRUST_DRIVERS)[number];
/** Each score an integer from TRUST_SCORE_MIN to TRUST_SCORE_MAX. */
export type TrustScores = Readonly<Record<TrustDriver, number>>;
export const TRUST_SCORE_MIN = 1;
export const TRUST_SCORE_MAX = 5;

export const CASE_OUTCOMES = ['completed', 'withdrawn', 'declined', 'merged'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
