/** One valid sample of every command type, targeting the ids in `ids` (for specs in any layer). */
import type { DomainCommand, DomainCommandType } from '../catalog';
import { ids } from './fixtures';

export type SampleCommands = { readonly [K in DomainCommandType]: Extract<DomainCommand, { type: K }> };

const caseId = ids.case;

export const sampleCommands: SampleCommands = {
  RegisterInitiative: {
    type: 'RegisterInitiative',
    data: {
      initiativeId: ids.initiative,
      name: 'Kulturbahnhof e.V.',
      kind: 'association',
      district: 'Altstadt',
      contact: { name: 'Erika Mustermann', email: 'erika@example.org' },
    },
  },
  UpdateInitiativeProfile: {
    type: 'UpdateInitiativeProfile',
    data: { initiativeId: ids.initiative, district: 'Neustadt' },
  },
  ReportActiveMembers: { type: 'ReportActiveMembers', data: { initiativeId: ids.initiative, activeMembers: 12 } },
  DissolveInitiative: { type: 'DissolveInitiative', data: { initiativeId: ids.initiative, reason: 'Ziel erreicht' } },
  RegisterUnit: {
    type: 'RegisterUnit',
    data: { unitId: ids.unit, name: 'Anlaufstelle Bürgerengagement', isContactPoint: true },
  },
  SetStaffTimeBudget: { type: 'SetStaffTimeBudget', data: { unitId: ids.unit, period: '2025-Q2', hours: 120 } },
  OpenFund: {
    type: 'OpenFund',
    data: { fundId: ids.fund, name: 'Mit-mach-Fonds 2025', year: 2025, budgetCents: 1_000_000 },
  },
  IncreaseFundBudget: {
    type: 'IncreaseFundBudget',
    data: { fundId: ids.fund, amountCents: 250_000, reason: 'Nachtragshaushalt' },
  },
  CloseFund: { type: 'CloseFund', data: { fundId: ids.fund } },
  ReceiveApplication: {
    type: 'ReceiveApplication',
    data: { fundId: ids.fund, applicationId: ids.application, caseId, amountRequestedCents: 250_000 },
  },
  AwardGrant: {
    type: 'AwardGrant',
    data: { fundId: ids.fund, applicationId: ids.application, caseId, amountCents: 150_000, proofDueOn: '2026-03-31' },
  },
  ConfirmGrantAward: { type: 'ConfirmGrantAward', data: { fundId: ids.fund, applicationId: ids.application } },
  WithdrawGrantProposal: {
    type: 'WithdrawGrantProposal',
    data: { fundId: ids.fund, applicationId: ids.application, reason: 'Betrag wird neu berechnet' },
  },
  RejectApplication: {
    type: 'RejectApplication',
    data: { fundId: ids.fund, applicationId: ids.application, caseId, rationale: 'Nicht förderfähig' },
  },
  DisburseGrant: {
    type: 'DisburseGrant',
    data: { fundId: ids.fund, applicationId: ids.application, amountCents: 50_000 },
  },
  SubmitProofOfUse: {
    type: 'SubmitProofOfUse',
    data: {
      fundId: ids.fund,
      applicationId: ids.application,
      spentCents: 48_000,
      reportRef: 'DMS-2026-000123',
      volunteerHours: 120,
    },
  },
  ReviewProofOfUse: {
    type: 'ReviewProofOfUse',
    data: {
      fundId: ids.fund,
      applicationId: ids.application,
      outcome: 'partially_accepted',
      acceptedCents: 45_000,
      rationale: 'Bewirtung nicht förderfähig',
    },
  },
  ReclaimGrant: {
    type: 'ReclaimGrant',
    data: {
      fundId: ids.fund,
      applicationId: ids.application,
      amountCents: 5_000,
      reason: 'Bewirtung nicht förderfähig',
    },
  },
  RecordRepayment: {
    type: 'RecordRepayment',
    data: { fundId: ids.fund, applicationId: ids.application, amountCents: 5_000 },
  },
  SettleApplication: { type: 'SettleApplication', data: { fundId: ids.fund, applicationId: ids.application } },
  SubmitRequest: {
    type: 'SubmitRequest',
    data: {
      caseId,
      initiativeId: ids.initiative,
      title: 'Leerstand am Markt beleben',
      description: 'Wir möchten das leere Ladenlokal als Repair-Café nutzen.',
      category: 'culture',
      channel: 'contact_point',
      requestedSupport: ['space', 'interim_use'],
    },
  },
  AcknowledgeRequest: { type: 'AcknowledgeRequest', data: { caseId, unitId: ids.unit, staffRef: 'staff-17' } },
  AssignContactPerson: { type: 'AssignContactPerson', data: { caseId, staffRef: 'staff-17', unitId: ids.unit } },
  RecordInteraction: {
    type: 'RecordInteraction',
    data: {
      caseId,
      interactionId: ids.interaction,
      kind: 'meeting',
      initiatedBy: 'initiative',
      participationLevel: 'collaborate',
      staffRef: 'staff-17',
      unitId: ids.unit,
      durationMinutes: 90,
      summary: 'Begehung geplant',
    },
  },
  MakeCommitment: {
    type: 'MakeCommitment',
    data: {
      caseId,
      commitmentId: ids.commitment,
      promisor: 'administration',
      description: 'Schlüsselübergabe',
      dueOn: '2025-04-15',
    },
  },
  FulfilCommitment: { type: 'FulfilCommitment', data: { caseId, commitmentId: ids.commitment } },
  RenegotiateCommitment: {
    type: 'RenegotiateCommitment',
    data: { caseId, commitmentId: ids.commitment, newDueOn: '2025-05-15', reason: 'Urlaub' },
  },
  WithdrawCommitment: {
    type: 'WithdrawCommitment',
    data: { caseId, commitmentId: ids.commitment, reason: 'Nicht mehr nötig' },
  },
  ApplyForFunding: {
    type: 'ApplyForFunding',
    data: {
      caseId,
      applicationId: ids.application,
      fundId: ids.fund,
      amountRequestedCents: 150_000,
      purpose: 'Werkzeug',
    },
  },
  AgreeSupport: {
    type: 'AgreeSupport',
    data: { caseId, supportId: ids.support, kind: 'advice', description: 'Beratung zum Brandschutz' },
  },
  LogStaffTime: {
    type: 'LogStaffTime',
    data: { caseId, unitId: ids.unit, staffRef: 'staff-17', hours: 1.5, activity: 'Vorbereitung' },
  },
  AgreeInterimUse: {
    type: 'AgreeInterimUse',
    data: {
      caseId,
      agreementId: ids.agreement,
      propertyRef: 'liegenschaft-4711',
      propertyKind: 'vacant_shop',
      startsOn: '2025-03-01',
      endsOn: '2025-08-31',
      licenceToTry: true,
      conditions: ['Öffnungszeiten bis 22 Uhr'],
    },
  },
  ExtendInterimUse: { type: 'ExtendInterimUse', data: { caseId, agreementId: ids.agreement, newEndsOn: '2025-12-31' } },
  EndInterimUse: { type: 'EndInterimUse', data: { caseId, agreementId: ids.agreement, reason: 'expired' } },
  AssignSponsor: { type: 'AssignSponsor', data: { caseId, sponsorRef: 'sponsor-3', sponsorKind: 'council_member' } },
  LinkCouncilResolution: {
    type: 'LinkCouncilResolution',
    data: { caseId, resolutionRef: 'DS-2025/117', body: 'Stadtrat', decidedOn: '2025-06-12', outcome: 'approved' },
  },
  InstitutionaliseCase: {
    type: 'InstitutionaliseCase',
    data: { caseId, form: 'lease', effectiveFrom: '2026-01-01' },
  },
  RecordTrustFeedback: {
    type: 'RecordTrustFeedback',
    data: {
      caseId,
      respondent: 'initiative',
      scores: { responsiveness: 4, reliability: 3, integrity: 5, openness: 4, fairness: 2 },
    },
  },
  CloseCase: { type: 'CloseCase', data: { caseId, outcome: 'completed' } },
  ReopenCase: { type: 'ReopenCase', data: { caseId, reason: 'Neue Förderung' } },
  AwaitInitiative: {
    type: 'AwaitInitiative',
    data: { caseId, reason: 'Satzung wird in der Mitgliederversammlung beschlossen', until: '2025-06-30' },
  },
  ResumeCase: { type: 'ResumeCase', data: { caseId } },
  EraseInitiativeContact: {
    type: 'EraseInitiativeContact',
    data: { initiativeId: ids.initiative, reason: 'Art. 17 DSGVO' },
  },
  ShredCaseNarratives: { type: 'ShredCaseNarratives', data: { caseId, reason: 'Art. 17 DSGVO' } },
};

/** The sample of a command type with some fields replaced. */
export const sampleCommand = <K extends DomainCommandType>(
  type: K,
  overrides: Partial<SampleCommands[K]['data']> = {},
): SampleCommands[K] => ({ type, data: { ...sampleCommands[type].data, ...overrides } }) as SampleCommands[K];
