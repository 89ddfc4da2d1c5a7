/** Samples of every event type with every field set, optional ones included (for specs, e2e tests and benchmarks). */
import { randomUUID } from 'node:crypto';
import { DomainEventType, schemaVersionOf } from '@koproduktiv/domain';
import type { EventToAppend } from '@koproduktiv/event-store';
import type { EventData } from '../integration-events/published-fields';

export const PERSONAL_CONTACT = {
  name: 'Erika Mustermann',
  email: 'erika.mustermann@example.org',
  phone: '+49 170 0000000',
} as const;

type Full<T> = { -readonly [K in keyof T]-?: T[K] };

/** `Full`: leaving out an optional field fails to compile, so the samples cover every field of every event. */
export const sampleEventData = (ids: {
  initiative: string;
  unit: string;
  fund: string;
  case: string;
}): { [T in DomainEventType]: Full<EventData<T>> } => ({
  InitiativeRegistered: {
    initiativeId: ids.initiative,
    name: 'Kulturbahnhof e.V.',
    kind: 'association',
    district: 'Altstadt',
    contact: PERSONAL_CONTACT,
  },
  InitiativeProfileUpdated: {
    initiativeId: ids.initiative,
    name: 'Kulturbahnhof Altstadt e.V.',
    kind: 'association',
    district: 'Neustadt',
    contact: PERSONAL_CONTACT,
  },
  ActiveMembersReported: { initiativeId: ids.initiative, activeMembers: 12 },
  InitiativeDissolved: { initiativeId: ids.initiative, reason: 'Ziel erreicht' },
  UnitRegistered: { unitId: ids.unit, name: 'Anlaufstelle Bürgerengagement', isContactPoint: true },
  StaffTimeBudgetSet: { unitId: ids.unit, period: '2026-Q2', hours: 120 },
  FundOpened: { fundId: ids.fund, name: 'Mit-mach-Fonds 2026', year: 2026, budgetCents: 1_000_000 },
  FundBudgetIncreased: { fundId: ids.fund, amountCents: 250_000, reason: 'Nachtragshaushalt' },
  FundClosed: { fundId: ids.fund },
  ApplicationReceived: { fundId: ids.fund, applicationId: 'app-1', caseId: ids.case, amountRequestedCents: 200_000 },
  ApplicationRefused: {
    fundId: ids.fund,
    applicationId: 'app-3',
    caseId: ids.case,
    amountRequestedCents: 90_000,
    code: 'FUND.CLOSED',
  },
  GrantAwardProposed: {
    fundId: ids.fund,
    applicationId: 'app-1',
    caseId: ids.case,
    amountCents: 150_000,
    proofDueOn: '2026-12-31',
    fundedFrom: '2026-04-01',
    fundedUntil: '2026-09-30',
    rationale: 'Förderfähig, Herr Krause hat den Plan erläutert',
    proposedBy: 'clerk-1',
  },
  GrantProposalWithdrawn: {
    fundId: ids.fund,
    applicationId: 'app-1',
    caseId: ids.case,
    amountCents: 150_000,
    reason: 'Frau Mustermann überarbeitet den Finanzplan',
  },
  GrantAwarded: {
    fundId: ids.fund,
    applicationId: 'app-1',
    caseId: ids.case,
    amountCents: 150_000,
    proofDueOn: '2026-12-31',
    fundedFrom: '2026-04-01',
    fundedUntil: '2026-09-30',
    rationale: 'Förderfähig',
    proposedBy: 'clerk-1',
  },
  ApplicationRejected: { fundId: ids.fund, applicationId: 'app-2', caseId: ids.case, rationale: 'Nicht förderfähig' },
  GrantDisbursed: { fundId: ids.fund, applicationId: 'app-1', caseId: ids.case, amountCents: 50_000 },
  ProofOfUseSubmitted: {
    fundId: ids.fund,
    applicationId: 'app-1',
    caseId: ids.case,
    spentCents: 48_000,
    reportRef: 'DMS-2026-000123',
    volunteerHours: 120,
  },
  ProofOfUseReviewed: {
    fundId: ids.fund,
    applicationId: 'app-1',
    caseId: ids.case,
    outcome: 'partially_accepted',
    acceptedCents: 45_000,
    rationale: 'Frau Mustermann hat die Bewirtung abgerechnet',
  },
  GrantReclaimed: {
    fundId: ids.fund,
    applicationId: 'app-1',
    caseId: ids.case,
    amountCents: 5_000,
    reason: 'Bewirtung nicht förderfähig',
  },
  RepaymentRecorded: { fundId: ids.fund, applicationId: 'app-1', caseId: ids.case, amountCents: 5_000 },
  ApplicationSettled: { fundId: ids.fund, applicationId: 'app-1', caseId: ids.case, releasedCents: 100_000 },
  RequestSubmitted: {
    caseId: ids.case,
    initiativeId: ids.initiative,
    title: 'Leerstand am Markt beleben',
    description: 'Repair-Café im leeren Ladenlokal',
    category: 'culture',
    channel: 'contact_point',
    requestedSupport: ['space', 'interim_use'],
  },
  RequestAcknowledged: { caseId: ids.case, unitId: ids.unit, staffRef: 'staff-17', note: 'Frau Mustermann rief an' },
  ContactPersonAssigned: {
    caseId: ids.case,
    staffRef: 'staff-18',
    unitId: ids.unit,
    handoverNote: 'Herr Beispiel ist krank',
  },
  InteractionRecorded: {
    caseId: ids.case,
    interactionId: 'int-1',
    kind: 'meeting',
    initiatedBy: 'initiative',
    participationLevel: 'collaborate',
    staffRef: 'staff-18',
    unitId: ids.unit,
    durationMinutes: 45,
    summary: 'Treffen mit Erika Mustermann im Rathaus',
  },
  CommitmentMade: {
    caseId: ids.case,
    commitmentId: 'com-1',
    promisor: 'administration',
    description: 'Schlüssel übergeben',
    dueOn: '2026-04-01',
  },
  CommitmentFulfilled: { caseId: ids.case, commitmentId: 'com-1' },
  CommitmentRenegotiated: { caseId: ids.case, commitmentId: 'com-1', newDueOn: '2026-05-01', reason: 'Urlaub' },
  CommitmentWithdrawn: { caseId: ids.case, commitmentId: 'com-1', reason: 'Nicht mehr nötig' },
  FundingApplied: {
    caseId: ids.case,
    applicationId: 'app-1',
    fundId: ids.fund,
    amountRequestedCents: 150_000,
    purpose: 'Werkzeug',
  },
  SupportAgreed: { caseId: ids.case, supportId: 'sup-1', kind: 'space', description: 'Raum im Bürgerhaus' },
  StaffTimeLogged: {
    caseId: ids.case,
    unitId: ids.unit,
    staffRef: 'staff-18',
    hours: 2.5,
    activity: 'Genehmigung vorbereitet',
  },
  InterimUseAgreed: {
    caseId: ids.case,
    agreementId: 'agr-1',
    propertyRef: 'prop-12',
    propertyKind: 'vacant_shop',
    startsOn: '2026-04-01',
    endsOn: '2026-12-31',
    licenceToTry: true,
    conditions: ['Brandschutz'],
  },
  InterimUseExtended: { caseId: ids.case, agreementId: 'agr-1', newEndsOn: '2027-06-30' },
  InterimUseEnded: { caseId: ids.case, agreementId: 'agr-1', reason: 'converted' },
  SponsorAssigned: { caseId: ids.case, sponsorRef: 'council-7', sponsorKind: 'council_member' },
  CouncilResolutionLinked: {
    caseId: ids.case,
    resolutionRef: 'DS 2026/117',
    body: 'Stadtrat',
    decidedOn: '2026-03-20',
    outcome: 'approved',
  },
  CaseInstitutionalised: { caseId: ids.case, form: 'lease', effectiveFrom: '2027-07-01', budgetLine: '1.2.3' },
  TrustFeedbackRecorded: {
    caseId: ids.case,
    respondent: 'initiative',
    scores: { responsiveness: 4, reliability: 5, integrity: 5, openness: 4, fairness: 5 },
    comment: 'Herr Beispiel war sehr hilfsbereit',
  },
  CaseClosed: { caseId: ids.case, outcome: 'completed', rationale: 'Verstetigt', stage: 'institutionalised' },
  CaseReopened: { caseId: ids.case, reason: 'Neuer Mietvertrag', stage: 'institutionalised' },
  InitiativeAwaited: { caseId: ids.case, reason: 'Satzung folgt', until: '2026-04-30' },
  CaseResumed: { caseId: ids.case },
  InitiativeContactErased: { initiativeId: ids.initiative, reason: 'Art. 17 DSGVO' },
  CaseNarrativesShredded: { caseId: ids.case, reason: 'Art. 17 DSGVO' },
});

/** A plausible sequence of event types per aggregate category, as a scripted history. */
export const SCRIPTED_HISTORY: Readonly<Record<'initiative' | 'unit' | 'fund' | 'case', readonly DomainEventType[]>> = {
  initiative: [
    'InitiativeRegistered',
    'ActiveMembersReported',
    'InitiativeProfileUpdated',
    'ActiveMembersReported',
    'InitiativeDissolved',
  ],
  unit: ['UnitRegistered', 'StaffTimeBudgetSet', 'StaffTimeBudgetSet'],
  fund: [
    'FundOpened',
    'FundBudgetIncreased',
    'ApplicationReceived',
    'GrantAwardProposed',
    'GrantProposalWithdrawn',
    'GrantAwarded',
    'ApplicationRejected',
    'GrantDisbursed',
    'ProofOfUseSubmitted',
    'ProofOfUseReviewed',
    'GrantReclaimed',
    'RepaymentRecorded',
    'ApplicationSettled',
    'ApplicationRefused',
    'FundClosed',
  ],
  case: [
    'RequestSubmitted',
    'RequestAcknowledged',
    'ContactPersonAssigned',
    'InteractionRecorded',
    'CommitmentMade',
    'CommitmentRenegotiated',
    'CommitmentFulfilled',
    'FundingApplied',
    'SupportAgreed',
    'StaffTimeLogged',
    'InterimUseAgreed',
    'InterimUseExtended',
    'SponsorAssigned',
    'CouncilResolutionLinked',
    'InterimUseEnded',
    'CaseInstitutionalised',
    'TrustFeedbackRecorded',
    'CommitmentMade',
    'CommitmentWithdrawn',
    'CaseClosed',
    'CaseReopened',
    'InitiativeAwaited',
    'CaseResumed',
    'InteractionRecorded',
  ],
};

/** An event to append, of a domain type with sample data, with fresh ids. */
export function aDomainEvent(
  type: DomainEventType,
  ids: { initiative: string; unit: string; fund: string; case: string },
  overrides: Partial<EventToAppend> = {},
): EventToAppend {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: schemaVersionOf(type),
    data: sampleEventData(ids)[type] as Record<string, unknown>,
    occurredAt: new Date(),
    metadata: { actor: { subject: 'clerk-1', role: 'clerk' }, correlationId: randomUUID(), causationId: randomUUID() },
    ...overrides,
  };
}

export const freshIds = () => ({
  initiative: randomUUID(),
  unit: randomUUID(),
  fund: randomUUID(),
  case: randomUUID(),
});
