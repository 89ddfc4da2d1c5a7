/**
 * One valid HTTP body per command type (`POST /v1/commands/{CommandType}`), for specs, end-to-end
 * tests and the OpenAPI document. The examples tell one story and share their ids;
 * `commandExampleSequence` sends all of them (plus three set-up commands) in an order in which
 * every command succeeds against an empty tenant. None sets `occurredAt`, so business time is now.
 */
import type { DomainCommand, PublicCommandType } from '@koproduktiv/domain';

type Body<K extends PublicCommandType> = Extract<DomainCommand, { type: K }>['data'] & { occurredAt?: string };
export type CommandExamples = { readonly [K in PublicCommandType]: Body<K> };

/** UUID v7 ids used by the examples. */
export const exampleIds = {
  initiative: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a01',
  case: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02',
  contactPointUnit: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a03',
  buildingUnit: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a04',
  fund: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a05',
  application: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a06',
  rejectedApplication: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a07',
  commitment: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a08',
  withdrawnCommitment: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a0c',
  interaction: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a09',
  support: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a0a',
  agreement: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a0b',
  proposedApplication: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a0d',
} as const;

const ids = exampleIds;
const caseId = ids.case;

export const commandExamples: CommandExamples = {
  RegisterInitiative: {
    initiativeId: ids.initiative,
    name: 'Bürgerverein Nordstadt e.V.',
    kind: 'association',
    district: 'Nordstadt',
    contact: { name: 'Aylin Demir', email: 'a.demir@buergerverein-nordstadt.de', phone: '+49 231 5558123' },
  },
  UpdateInitiativeProfile: {
    initiativeId: ids.initiative,
    contact: { name: 'Jonas Becker', email: 'vorstand@buergerverein-nordstadt.de' },
  },
  ReportActiveMembers: { initiativeId: ids.initiative, activeMembers: 23 },
  DissolveInitiative: {
    initiativeId: ids.initiative,
    reason: 'Auflösung durch Mitgliederversammlung; die Aufgaben übernimmt die neu gegründete Stadtteilgenossenschaft.',
  },
  RegisterUnit: {
    unitId: ids.contactPointUnit,
    name: 'Koordinierungsstelle Bürgerschaftliches Engagement',
    isContactPoint: true,
  },
  SetStaffTimeBudget: { unitId: ids.contactPointUnit, period: '2026-Q1', hours: 160 },
  OpenFund: { fundId: ids.fund, name: 'Mit-mach-Fonds 2026', year: 2026, budgetCents: 5_000_000 },
  IncreaseFundBudget: {
    fundId: ids.fund,
    amountCents: 1_500_000,
    reason: 'Aufstockung gemäß Ratsbeschluss zum Nachtragshaushalt 2026.',
  },
  CloseFund: { fundId: ids.fund },
  AwardGrant: {
    fundId: ids.fund,
    applicationId: ids.application,
    caseId,
    amountCents: 250_000,
    proofDueOn: '2026-12-31',
    fundedFrom: '2026-04-01',
    fundedUntil: '2026-09-30',
    rationale: 'Förderfähig nach Nr. 3 der Förderrichtlinie; Eigenleistung der Initiative ist plausibel dargelegt.',
  },
  ConfirmGrantAward: { fundId: ids.fund, applicationId: ids.proposedApplication },
  WithdrawGrantProposal: {
    fundId: ids.fund,
    applicationId: ids.proposedApplication,
    reason: 'Der Finanzierungsplan wird überarbeitet; die Initiative stellt einen neuen Antrag.',
  },
  RejectApplication: {
    fundId: ids.fund,
    applicationId: ids.rejectedApplication,
    caseId,
    rationale: 'Laufende Personalkosten sind nach Nr. 4.2 der Förderrichtlinie nicht förderfähig.',
  },
  DisburseGrant: { fundId: ids.fund, applicationId: ids.application, amountCents: 125_000 },
  SubmitProofOfUse: {
    fundId: ids.fund,
    applicationId: ids.application,
    spentCents: 120_000,
    reportRef: 'DMS-2026-000123',
    volunteerHours: 320,
  },
  ReviewProofOfUse: {
    fundId: ids.fund,
    applicationId: ids.application,
    outcome: 'partially_accepted',
    acceptedCents: 100_000,
    rationale: 'Bewirtungskosten von 200 € sind nach Nr. 4.3 der Förderrichtlinie nicht förderfähig.',
  },
  ReclaimGrant: {
    fundId: ids.fund,
    applicationId: ids.application,
    amountCents: 25_000,
    reason: 'Nicht verausgabte und nicht förderfähige Mittel (Bescheid vom 15.01.2027, Nr. 2).',
  },
  RecordRepayment: { fundId: ids.fund, applicationId: ids.application, amountCents: 25_000 },
  SettleApplication: { fundId: ids.fund, applicationId: ids.application },
  SubmitRequest: {
    caseId,
    initiativeId: ids.initiative,
    title: 'Zwischennutzung des leerstehenden Ladenlokals Münsterstraße 12 als Stadtteiltreff',
    description:
      'Der Bürgerverein möchte das seit zwei Jahren leerstehende Ladenlokal als offenen Treffpunkt mit ' +
      'Reparatur-Café und Hausaufgabenhilfe nutzen und bittet um Unterstützung bei Nutzungsgenehmigung und Ausstattung.',
    category: 'stadtteilentwicklung',
    channel: 'contact_point',
    requestedSupport: ['interim_use', 'permit', 'funding', 'advice'],
  },
  AcknowledgeRequest: {
    caseId,
    unitId: ids.contactPointUnit,
    staffRef: 'koord.schulte',
    note: 'Eingangsbestätigung versandt; Erstgespräch wird in den nächsten zwei Wochen vereinbart.',
  },
  AssignContactPerson: {
    caseId,
    staffRef: 'bauord/m.yilmaz',
    unitId: ids.buildingUnit,
    handoverNote:
      'Fragen zur Nutzungsänderung liegen jetzt beim Bauordnungsamt; Unterlagen im DMS unter Az. 63-2026-014.',
  },
  RecordInteraction: {
    caseId,
    interactionId: ids.interaction,
    kind: 'site_visit',
    initiatedBy: 'administration',
    participationLevel: 'collaborate',
    staffRef: 'bauord/m.yilmaz',
    unitId: ids.buildingUnit,
    durationMinutes: 90,
    summary: 'Gemeinsame Begehung des Ladenlokals mit Eigentümer; Brandschutz und Barrierefreiheit besprochen.',
  },
  MakeCommitment: {
    caseId,
    commitmentId: ids.commitment,
    promisor: 'administration',
    description: 'Das Bauordnungsamt prüft, ob für die Zwischennutzung eine Nutzungsänderung erforderlich ist.',
    dueOn: '2026-02-27',
  },
  FulfilCommitment: { caseId, commitmentId: ids.commitment },
  RenegotiateCommitment: {
    caseId,
    commitmentId: ids.commitment,
    newDueOn: '2026-03-13',
    reason: 'Stellungnahme der Brandschutzdienststelle steht noch aus.',
  },
  WithdrawCommitment: {
    caseId,
    commitmentId: ids.withdrawnCommitment,
    reason: 'Prüfung entfällt, da der Eigentümer den Antrag auf Nutzungsänderung selbst stellt.',
  },
  ApplyForFunding: {
    caseId,
    applicationId: ids.application,
    fundId: ids.fund,
    amountRequestedCents: 250_000,
    purpose: 'Erstausstattung des Stadtteiltreffs (Möbel, Werkzeug für das Reparatur-Café).',
  },
  AgreeSupport: {
    caseId,
    supportId: ids.support,
    kind: 'advice',
    description: 'Beratung zum Brandschutzkonzept durch die Bauaufsicht, zwei Termine.',
  },
  LogStaffTime: {
    caseId,
    unitId: ids.buildingUnit,
    staffRef: 'bauord/m.yilmaz',
    hours: 2.5,
    activity: 'Vorbereitung und Durchführung der Ortsbegehung',
  },
  AgreeInterimUse: {
    caseId,
    agreementId: ids.agreement,
    propertyRef: 'LG-2026-0815',
    propertyKind: 'vacant_shop',
    startsOn: '2026-04-01',
    endsOn: '2026-09-30',
    licenceToTry: true,
    conditions: ['Nutzung werktags bis 22 Uhr', 'Höchstens 40 Personen gleichzeitig', 'Rückbau auf eigene Kosten'],
  },
  ExtendInterimUse: { caseId, agreementId: ids.agreement, newEndsOn: '2027-03-31' },
  EndInterimUse: { caseId, agreementId: ids.agreement, reason: 'converted' },
  AssignSponsor: { caseId, sponsorRef: 'ratsinfo:person-4711', sponsorKind: 'council_member' },
  LinkCouncilResolution: {
    caseId,
    resolutionRef: 'DS 0142/2026',
    body: 'Bezirksvertretung Innenstadt-Nord',
    decidedOn: '2026-03-18',
    outcome: 'approved',
  },
  InstitutionaliseCase: {
    caseId,
    form: 'lease',
    effectiveFrom: '2027-04-01',
    budgetLine: '36.20.01.531800',
  },
  RecordTrustFeedback: {
    caseId,
    respondent: 'initiative',
    scores: { responsiveness: 4, reliability: 5, integrity: 4, openness: 3, fairness: 4 },
    comment: 'Kurze Wege, verlässliche Zusagen; bei der Genehmigung hätten wir uns früher Klarheit gewünscht.',
  },
  CloseCase: {
    caseId,
    outcome: 'completed',
    rationale: 'Zwischennutzung in einen regulären Mietvertrag überführt.',
  },
  ReopenCase: { caseId, reason: 'Der Mietvertrag wurde vom Eigentümer gekündigt; Suche nach Ersatzräumen.' },
  AwaitInitiative: {
    caseId,
    reason: 'Die Initiative klärt in ihrer Mitgliederversammlung, ob sie die Ersatzräume in der Lindenstraße anmietet.',
    until: '2026-04-30',
  },
  ResumeCase: { caseId },
  EraseInitiativeContact: { initiativeId: ids.initiative, reason: 'Löschantrag nach Art. 17 DSGVO, Az. DS-2026-014' },
  ShredCaseNarratives: { caseId, reason: 'Löschantrag nach Art. 17 DSGVO, Az. DS-2026-015' },
};

export interface CommandExampleStep {
  readonly type: PublicCommandType;
  readonly body: object;
}

const step = <K extends PublicCommandType>(type: K, body: Body<K> = commandExamples[type]): CommandExampleStep => ({
  type,
  body,
});

/**
 * Every example once, in an order in which each succeeds against an empty tenant, plus the set-up
 * the story needs: the second unit (AssignContactPerson hands over to it), the rejected second
 * application, the third one whose large award is proposed and withdrawn, and the second
 * commitment that WithdrawCommitment withdraws. The fund receives each application from the
 * process manager (seconds after ApplyForFunding): who sends the story over HTTP waits for it.
 * ConfirmGrantAward is not in the story: it needs a second person (like the admin's erasures, it
 * is checked on its own).
 */
export const commandExampleSequence: readonly CommandExampleStep[] = [
  step('RegisterUnit'),
  step('RegisterUnit', { unitId: ids.buildingUnit, name: 'Bauordnungsamt', isContactPoint: false }),
  step('SetStaffTimeBudget'),
  step('OpenFund'),
  step('IncreaseFundBudget'),
  step('RegisterInitiative'),
  step('UpdateInitiativeProfile'),
  step('ReportActiveMembers'),
  step('SubmitRequest'),
  step('AcknowledgeRequest'),
  step('AssignContactPerson'),
  step('RecordInteraction'),
  step('MakeCommitment'),
  step('RenegotiateCommitment'),
  step('FulfilCommitment'),
  step('MakeCommitment', {
    caseId,
    commitmentId: ids.withdrawnCommitment,
    promisor: 'initiative',
    description: 'Die Initiative legt einen Entwurf des Nutzungskonzepts vor.',
    dueOn: '2026-03-06',
  }),
  step('WithdrawCommitment'),
  step('AgreeSupport'),
  step('LogStaffTime'),
  step('ApplyForFunding'),
  step('AwardGrant'),
  step('DisburseGrant'),
  step('SubmitProofOfUse'),
  step('ReviewProofOfUse'),
  step('ReclaimGrant'),
  step('RecordRepayment'),
  step('SettleApplication'),
  step('ApplyForFunding', {
    caseId,
    applicationId: ids.rejectedApplication,
    fundId: ids.fund,
    amountRequestedCents: 1_200_000,
    purpose: 'Honorar für eine Koordinationskraft, zwölf Monate.',
  }),
  step('RejectApplication'),
  step('ApplyForFunding', {
    caseId,
    applicationId: ids.proposedApplication,
    fundId: ids.fund,
    amountRequestedCents: 900_000,
    purpose: 'Umbau des Ladenlokals zu einem barrierefreien Treffpunkt.',
  }),
  step('AwardGrant', {
    fundId: ids.fund,
    applicationId: ids.proposedApplication,
    amountCents: 750_000,
    proofDueOn: '2027-06-30',
  }),
  step('WithdrawGrantProposal'),
  step('CloseFund'),
  step('AssignSponsor'),
  step('LinkCouncilResolution'),
  step('AgreeInterimUse'),
  step('ExtendInterimUse'),
  step('EndInterimUse'),
  step('InstitutionaliseCase'),
  step('RecordTrustFeedback'),
  step('CloseCase'),
  step('ReopenCase'),
  step('AwaitInitiative'),
  step('ResumeCase'),
  step('DissolveInitiative'),
];
