import type { DomainEvent, DomainEventType } from './catalog';

/**
 * Whose personal data a field is, and so which key seals it:
 * - `initiative-contact`: the initiative's contact person (and the free text recorded about the
 *   initiative), one key per initiative, erased by EraseInitiativeContact;
 * - `case-narratives`: the free text of a case (descriptions, notes, summaries, reasons …), one key
 *   per case, shredded by ShredCaseNarratives. Fund decisions about a case belong to the case.
 */
export type DataSubjectKind = 'initiative-contact' | 'case-narratives';

export const DATA_SUBJECT_KINDS = [
  'initiative-contact',
  'case-narratives',
] as const satisfies readonly DataSubjectKind[];

type DataOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>['data'];

export interface PersonalDataSpec<T extends DomainEventType = DomainEventType> {
  readonly subject: DataSubjectKind;
  readonly fields: readonly Extract<keyof DataOf<T>, string>[];
}

const contact = <T extends DomainEventType>(...fields: PersonalDataSpec<T>['fields']): PersonalDataSpec<T> => ({
  subject: 'initiative-contact',
  fields,
});
const narrative = <T extends DomainEventType>(...fields: PersonalDataSpec<T>['fields']): PersonalDataSpec<T> => ({
  subject: 'case-narratives',
  fields,
});

/**
 * Every event field that holds personal data: stored encrypted, erasable, never shown to analysts
 * nor published. Decided field by field; what is not listed stays readable because it records an
 * official act or names no person: ids and references, dates, amounts, stages, enumerations, a
 * case's title (its public designation, shown in lists; it must not name a private person), the
 * name and district of an initiative (an organisation), the council body, budget increases' reasons
 * (budget acts of the council), and the reasons given for an erasure. In the grant procedure every
 * free text (rationale, reason) is a case narrative; a proof of use's `reportRef` is not: it is a
 * reference into the municipality's document system (validated like every other reference, so it
 * cannot carry prose), and the report it points to stays there. `proposedBy` of an award is an
 * employee's token subject, kept in clear like the actor of every event and staff references:
 * the four-eyes rule compares it, and analysts and Kafka never get it.
 */
export const PERSONAL_DATA: { readonly [T in DomainEventType]?: PersonalDataSpec<T> } = {
  InitiativeRegistered: contact('contact'),
  InitiativeProfileUpdated: contact('contact'),
  InitiativeDissolved: contact('reason'),
  RequestSubmitted: narrative('description'),
  RequestAcknowledged: narrative('note'),
  ContactPersonAssigned: narrative('handoverNote'),
  InteractionRecorded: narrative('summary'),
  CommitmentMade: narrative('description'),
  CommitmentRenegotiated: narrative('reason'),
  CommitmentWithdrawn: narrative('reason'),
  FundingApplied: narrative('purpose'),
  SupportAgreed: narrative('description'),
  StaffTimeLogged: narrative('activity'),
  InterimUseAgreed: narrative('conditions'),
  TrustFeedbackRecorded: narrative('comment'),
  CaseClosed: narrative('rationale'),
  CaseReopened: narrative('reason'),
  InitiativeAwaited: narrative('reason'),
  GrantAwarded: narrative('rationale'),
  ApplicationRejected: narrative('rationale'),
  GrantAwardProposed: narrative('rationale'),
  GrantProposalWithdrawn: narrative('reason'),
  ProofOfUseReviewed: narrative('rationale'),
  GrantReclaimed: narrative('reason'),
};

/** The event type that records an erasure of each kind of subject. */
export const ERASURE_EVENTS = {
  InitiativeContactErased: 'initiative-contact',
  CaseNarrativesShredded: 'case-narratives',
} as const satisfies Partial<Record<DomainEventType, DataSubjectKind>>;

export const personalDataOf = (type: string): PersonalDataSpec | undefined =>
  Object.hasOwn(PERSONAL_DATA, type) ? (PERSONAL_DATA[type as DomainEventType] as PersonalDataSpec) : undefined;

/** The id of the data subject a field of this event belongs to: the initiative's or the case's id. */
export const dataSubjectIdOf = (kind: DataSubjectKind, data: Readonly<Record<string, unknown>>): string =>
  String(kind === 'initiative-contact' ? data.initiativeId : data.caseId);

/** True when the event carries a value in at least one personal-data field. */
export const carriesPersonalData = (event: { readonly type: string; readonly data: object }): boolean => {
  const spec = personalDataOf(event.type);
  return (
    spec !== undefined && spec.fields.some((field) => (event.data as Record<string, unknown>)[field] !== undefined)
  );
};
