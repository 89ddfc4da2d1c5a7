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
  InitiativeDissolved: ['initiativeId', 'reason'],
  UnitRegistered: ['unitId', 'name', 'isContactPoint'],
  StaffTimeBudgetSet: ['unitId', 'period', 'hours'],
  FundOpened: ['fundId', 'name', 'year', 'budgetCents'],
  FundBudgetIncreased: ['fundId', 'amountCents', 'reason'],
  GrantAwarded: ['fundId', 'applicationId', 'caseId', 'amountCents', 'rationale'],
  ApplicationRejected: ['fundId', 'applicationId', 'caseId', 'rationale'],
  GrantDisbursed: ['fundId', 'applicationId', 'caseId', 'amountCents'],
  RequestSubmitted: ['caseId', 'initiativeId', 'title', 'description', 'category', 'channel', 'requestedSupport'],
  RequestAcknowledged: ['caseId', 'unitId', 'staffRef'],
  ContactPersonAssigned: ['caseId', 'staffRef', 'unitId'],
  InteractionRecorded: ['caseId', 'interactionId', 'kind', 'initiatedBy', 'participationLevel', 'staffRef', 'unitId', 'durationMinutes'],
  CommitmentMade: ['caseId', 'commitmentId', 'promisor', 'description', 'dueOn'],
  CommitmentFulfilled: ['caseId', 'commitmentId'],
  CommitmentRenegotiated: ['caseId', 'commitmentId', 'newDueOn', 'reason'],
  CommitmentWithdrawn: ['caseId', 'commitmentId', 'reason'],
  FundingApplied: ['caseId', 'applicationId', 'fundId', 'amountRequestedCents', 'purpose'],
  SupportAgreed: ['caseId', 'supportId', 'kind', 'description'],
  StaffTimeLogged: ['caseId', 'unitId', 'staffRef', 'hours', 'activity'],
  InterimUseAgreed: ['caseId', 'agreementId', 'propertyRef', 'propertyKind', 'startsOn', 'endsOn', 'licenceToTry', 'conditions'],
  InterimUseExtended: ['caseId', 'agreementId', 'newEndsOn'],
  InterimUseEnded: ['caseId', 'agreementId', 'reason'],
  SponsorAssigned: ['caseId', 'sponsorRef', 'sponsorKind'],
  CouncilResolutionLinked: ['caseId', 'resolutionRef', 'body', 'decidedOn', 'outcome'],
  CaseInstitutionalised: ['caseId', 'form', 'effectiveFrom', 'budgetLine'],
  TrustFeedbackRecorded: ['caseId', 'respondent', 'scores'],
  CaseClosed: ['caseId', 'outcome', 'rationale', 'stage'],
  CaseReopened: ['caseId', 'reason', 'stage'],
};

/** Why a field is kept inside. */
export type WithheldReason = 'personal data' | 'free text about people and conversations';

/**
 * Every field that is not published, with the reason. Together with PUBLISHED_FIELDS this names
 * every field of every event (a spec checks it), so each one was decided on, not forgotten.
 * `contact` is the initiative's contact person (personalDataFields in the domain). Notes,
 * summaries and comments are free text that routinely names people and what they said.
 */
export const WITHHELD_FIELDS: { readonly [T in DomainEventType]?: { readonly [F in FieldsOf<T>[number]]?: WithheldReason } } = {
  InitiativeRegistered: { contact: 'personal data' },
  InitiativeProfileUpdated: { contact: 'personal data' },
  RequestAcknowledged: { note: 'free text about people and conversations' },
  ContactPersonAssigned: { handoverNote: 'free text about people and conversations' },
  InteractionRecorded: { summary: 'free text about people and conversations' },
  TrustFeedbackRecorded: { comment: 'free text about people and conversations' },
};

export const hasIntegrationSchema = (type: string): type is DomainEventType => Object.hasOwn(PUBLISHED_FIELDS, type);

/**
 * The integration event's data: only the whitelisted fields that the event carries (optional
 * fields an event leaves out stay out). Undefined for a type without an integration schema.
 */
export function publishedData(type: string, data: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  if (!hasIntegrationSchema(type)) return undefined;
  const fields: readonly string[] = PUBLISHED_FIELDS[type];
  const out: Record<string, unknown> = {};
  for (const field of fields) if (Object.hasOwn(data, field) && data[field] !== undefined) out[field] = data[field];
  return out;
}
