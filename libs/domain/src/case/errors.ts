/** Stable error codes of the case aggregate, grouped by what they are about. */

export const CaseErrors = {
  /** SubmitRequest for a caseId that already exists. */
  ALREADY_SUBMITTED: 'CASE.ALREADY_SUBMITTED',
  /** Any case command other than SubmitRequest for a case that does not exist (kind `not_found`). */
  NOT_FOUND: 'CASE.NOT_FOUND',
  /** A command other than ReopenCase or RecordTrustFeedback on a closed case. */
  CLOSED: 'CASE.CLOSED',
  /** ReopenCase on a case that is not closed. */
  NOT_CLOSED: 'CASE.NOT_CLOSED',
  /** AcknowledgeRequest a second time. */
  ALREADY_ACKNOWLEDGED: 'CASE.ALREADY_ACKNOWLEDGED',
  /** AssignContactPerson with the staffRef that already is the contact person. */
  SAME_CONTACT_PERSON: 'CASE.SAME_CONTACT_PERSON',
  /** InstitutionaliseCase from a stage other than support or interim_use. */
  INVALID_STAGE_FOR_INSTITUTIONALISATION: 'CASE.INVALID_STAGE_FOR_INSTITUTIONALISATION',
  /** CloseCase with outcome `declined` and no (or a blank) rationale. */
  RATIONALE_REQUIRED: 'CASE.RATIONALE_REQUIRED',
  /** AwaitInitiative while the case already waits for the initiative (ResumeCase first to change the wait). */
  ALREADY_WAITING: 'CASE.ALREADY_WAITING',
  /** ResumeCase while the case does not wait for the initiative. */
  NOT_WAITING: 'CASE.NOT_WAITING',
  /** A date field that is not a calendar date `YYYY-MM-DD` (details: field, value). */
  INVALID_DATE: 'CASE.INVALID_DATE',
} as const;

export const InteractionErrors = {
  /** RecordInteraction with an interactionId already recorded on the case. */
  ALREADY_EXISTS: 'INTERACTION.ALREADY_EXISTS',
  /** durationMinutes not an integer >= 0. */
  INVALID_DURATION: 'INTERACTION.INVALID_DURATION',
} as const;

export const CommitmentErrors = {
  /** MakeCommitment with a commitmentId already used on the case. */
  ALREADY_EXISTS: 'COMMITMENT.ALREADY_EXISTS',
  /** Fulfil/Renegotiate/Withdraw for a commitmentId unknown on the case. */
  NOT_FOUND: 'COMMITMENT.NOT_FOUND',
  /** Fulfil/Renegotiate/Withdraw for a commitment already fulfilled or withdrawn. */
  NOT_OPEN: 'COMMITMENT.NOT_OPEN',
} as const;

export const FundingApplicationErrors = {
  /** ApplyForFunding with an applicationId already used on the case. */
  ALREADY_EXISTS: 'FUNDING_APPLICATION.ALREADY_EXISTS',
  /** amountRequestedCents not an integer > 0. */
  INVALID_AMOUNT: 'FUNDING_APPLICATION.INVALID_AMOUNT',
} as const;

export const SupportErrors = {
  /** AgreeSupport with a supportId already used on the case. */
  ALREADY_EXISTS: 'SUPPORT.ALREADY_EXISTS',
} as const;

export const StaffTimeErrors = {
  /** LogStaffTime with hours that are not a finite number > 0. */
  INVALID_HOURS: 'STAFF_TIME.INVALID_HOURS',
} as const;

export const InterimUseErrors = {
  /** AgreeInterimUse with an agreementId already used on the case. */
  ALREADY_EXISTS: 'INTERIM_USE.ALREADY_EXISTS',
  /** AgreeInterimUse with endsOn not after startsOn. */
  INVALID_PERIOD: 'INTERIM_USE.INVALID_PERIOD',
  /** Extend/End for an agreementId unknown on the case. */
  NOT_FOUND: 'INTERIM_USE.NOT_FOUND',
  /** Extend/End for an agreement that has already ended. */
  NOT_ACTIVE: 'INTERIM_USE.NOT_ACTIVE',
  /** ExtendInterimUse with newEndsOn not after the current endsOn. */
  NOT_LATER: 'INTERIM_USE.NOT_LATER',
} as const;

export const SponsorErrors = {
  /** AssignSponsor with a sponsorRef already assigned to the case. */
  ALREADY_ASSIGNED: 'SPONSOR.ALREADY_ASSIGNED',
} as const;

export const CouncilResolutionErrors = {
  /** LinkCouncilResolution for a resolutionRef and decidedOn already linked to the case. */
  ALREADY_LINKED: 'COUNCIL_RESOLUTION.ALREADY_LINKED',
} as const;

export const TrustFeedbackErrors = {
  /** A trust score that is not an integer from 1 to 5 (details: driver, score). */
  INVALID_SCORE: 'TRUST_FEEDBACK.INVALID_SCORE',
} as const;
