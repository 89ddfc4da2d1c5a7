import type { DomainEvent, DomainEventType } from '@koproduktiv/domain';

/** The data of one domain event type. */
export type EventData<T extends DomainEventType> = Extract<DomainEvent, { type: T }>['data'];

type FieldsOf<T extends DomainEventType> = readonly Extract<keyof EventData<T>, string>[];

/**
 * What leaves Koproduktiv on Kafka, per event type: a whitelist of top-level data fields. Kafka
 * topics are read by many systems, so they are treated as public inside the municipality. A field
 * missing here is never published, so a field added to an event later stays inside until someone
 * decides to publish it (and updates libs/messaging/README.md, which a spec compares).
 */
export const PUBLISHED_FIELDS: { readonly [T in DomainEventType]: FieldsOf<T> } = {
  InitiativeRegistered: ['initiativeId', 'name', 'kind', 'district'],
  InitiativeProfileUpdated: ['initiativeId', 'name', 'kind', 'district'],
  ActiveMembersReported: ['initiativeId', 'activeMembers'],
  InitiativeDissolved: ['initiativeId'],
  InitiativeContactErased: ['initiativeId', 'reason'],
  UnitRegistered: ['unitId', 'name', 'isContactPoint'],
  StaffTimeBudgetSet: ['unitId', 'period', 'hours'],
  FundOpened: ['fundId', 'name', 'year', 'budgetCents'],
  FundBudgetIncreased: ['fundId', 'amountCents', 'reason'],
  FundClosed: ['fundId'],
  ApplicationReceived: ['fundId', 'applicationId', 'caseId', 'amountRequestedCents'],
  ApplicationRefused: ['fundId', 'applicationId', 'caseId', 'amountRequestedCents', 'code'],
  GrantAwardProposed: ['fundId', 'applicationId', 'caseId', 'amountCents', 'proofDueOn', 'fundedFrom', 'fundedUntil'],
  GrantProposalWithdrawn: ['fundId', 'applicationId', 'caseId', 'amountCents'],
  GrantAwarded: ['fundId', 'applicationId', 'caseId', 'amountCents', 'proofDueOn', 'fundedFrom', 'fundedUntil'],
  ApplicationRejected: ['fundId', 'applicationId', 'caseId'],
  GrantDisbursed: ['fundId', 'applicationId', 'caseId', 'amountCents'],
  ProofOfUseSubmitted: ['fundId', 'applicationId', 'caseId', 'spentCents', 'reportRef', 'volunteerHours'],
  ProofOfUseReviewed: ['fundId', 'applicationId', 'caseId', 'outcome', 'acceptedCents'],
  GrantReclaimed: ['fundId', 'applicationId', 'caseId', 'amountCents'],
  RepaymentRecorded: ['fundId', 'applicationId', 'caseId', 'amountCents'],
  ApplicationSettled: ['fundId', 'applicationId', 'caseId', 'releasedCents'],
  RequestSubmitted: ['caseId', 'initiativeId', 'title', 'category', 'channel', 'requestedSupport'],
  RequestAcknowledged: ['caseId', 'unitId', 'staffRef'],
  ContactPersonAssigned: ['caseId', 'staffRef', 'unitId'],
  InteractionRecorded: [
    'caseId',
    'interactionId',
    'kind',
    'initiatedBy',
    'participationLevel',
    'staffRef',
    'unitId',
    'durationMinutes',
  ],
  CommitmentMade: ['caseId', 'commitmentId', 'promisor', 'dueOn'],
  CommitmentFulfilled: ['caseId', 'commitmentId'],
  CommitmentRenegotiated: ['caseId', 'commitmentId', 'newDueOn'],
  CommitmentWithdrawn: ['caseId', 'commitmentId'],
  FundingApplied: ['caseId', 'applicationId', 'fundId', 'amountRequestedCents'],
  SupportAgreed: ['caseId', 'supportId', 'kind'],
  StaffTimeLogged: ['caseId', 'unitId', 'staffRef', 'hours'],
  InterimUseAgreed: ['caseId', 'agreementId', 'propertyRef', 'propertyKind', 'startsOn', 'endsOn', 'licenceToTry'],
  InterimUseExtended: ['caseId', 'agreementId', 'newEndsOn'],
  InterimUseEnded: ['caseId', 'agreementId', 'reason'],
  SponsorAssigned: ['caseId', 'sponsorRef', 'sponsorKind'],
  CouncilResolutionLinked: ['caseId', 'resolutionRef', 'body', 'decidedOn', 'outcome'],
  CaseInstitutionalised: ['caseId', 'form', 'effectiveFrom', 'budgetLine'],
  TrustFeedbackRecorded: ['caseId', 'respondent', 'scores'],
  CaseClosed: ['caseId', 'outcome', 'stage'],
  CaseReopened: ['caseId', 'stage'],
  InitiativeAwaited: ['caseId', 'until'],
  CaseResumed: ['caseId'],
  CaseNarrativesShredded: ['caseId', 'reason'],
};

/**
 * Why a field is kept inside: personal data, or the token subject of an employee (who proposed an
 * award; the four-eyes rule needs it, subscribers do not).
 */
export type WithheldReason = 'personal data' | 'staff identity';

/**
 * Every field that is not published, with the reason. Together with PUBLISHED_FIELDS this names
 * every field of every event (a spec checks it), so each one was decided on, not forgotten. The
 * fields withheld as personal data are exactly the domain's (PERSONAL_DATA): the initiative's
 * contact and every free text, which routinely names people and what they said. Erasure events are
 * published, so that subscribers can erase what they derived.
 */
export const WITHHELD_FIELDS: {
  readonly [T in DomainEventType]?: { readonly [F in FieldsOf<T>[number]]?: WithheldReason };
} = {
  InitiativeRegistered: { contact: 'personal data' },
  InitiativeProfileUpdated: { contact: 'personal data' },
  InitiativeDissolved: { reason: 'personal data' },
  GrantAwardProposed: { rationale: 'personal data', proposedBy: 'staff identity' },
  GrantProposalWithdrawn: { reason: 'personal data' },
  GrantAwarded: { rationale: 'personal data', proposedBy: 'staff identity' },
  ApplicationRejected: { rationale: 'personal data' },
  ProofOfUseReviewed: { rationale: 'personal data' },
  GrantReclaimed: { reason: 'personal data' },
  RequestSubmitted: { description: 'personal data' },
  RequestAcknowledged: { note: 'personal data' },
  ContactPersonAssigned: { handoverNote: 'personal data' },
  InteractionRecorded: { summary: 'personal data' },
  CommitmentMade: { description: 'personal data' },
  CommitmentRenegotiated: { reason: 'personal data' },
  CommitmentWithdrawn: { reason: 'personal data' },
  FundingApplied: { purpose: 'personal data' },
  SupportAgreed: { description: 'personal data' },
  StaffTimeLogged: { activity: 'personal data' },
  InterimUseAgreed: { conditions: 'personal data' },
  TrustFeedbackRecorded: { comment: 'personal data' },
  CaseClosed: { rationale: 'personal data' },
  CaseReopened: { reason: 'personal data' },
  InitiativeAwaited: { reason: 'personal data' },
};

export const hasIntegrationSchema = (type: string): type is DomainEventType => Object.hasOwn(PUBLISHED_FIELDS, type);

/**
 * The integration event's data: only the whitelisted fields that the event carries (optional
 * fields an event leaves out stay out). Undefined for a type without an integration schema.
 */
export function publishedData(
  type: string,
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  if (!hasIntegrationSchema(type)) return undefined;
  const fields: readonly string[] = PUBLISHED_FIELDS[type];
  const out: Record<string, unknown> = {};
  for (const field of fields) if (Object.hasOwn(data, field) && data[field] !== undefined) out[field] = data[field];
  return out;
}
