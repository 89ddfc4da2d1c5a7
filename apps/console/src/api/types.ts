/** Shapes of the public API's answers the console reads (the OpenAPI document at /docs-json has them all). */
export type Stage = 'request' | 'support' | 'interim_use' | 'institutionalised';
export const STAGES: readonly Stage[] = ['request', 'support', 'interim_use', 'institutionalised'];

export interface Directory {
  units: { unitId: string; name: string | null; isContactPoint: boolean }[];
  initiatives: { initiativeId: string; name: string | null; kind: string | null; district: string | null }[];
  funds: { fundId: string; name: string | null; year: number | null }[];
  categories: string[];
  metricsSettings: { responseTargetDays: number; dormancyDays: number; timeZone: string };
}

export interface Aggregate {
  asOf: string;
  cases: number;
  openCases: number;
  closedCases: number;
  casesPerStage: Record<Stage, number>;
  institutionalisationRate: number | null;
  dormantShare: number | null;
  medianDaysToFirstResponse: number | null;
  respondedWithinTargetShare: number | null;
  commitmentReliability: { administration: number | null; initiative: number | null; combined: number | null };
  meanTrustIndex: number | null;
  meanContinuityIndex: number | null;
}

export interface TimeseriesPoint extends Aggregate {
  month: string;
  /** Every fund as of the month's end. */
  funds: { fundId: string; name: string | null; budgetCents: number; awardedCents: number; disbursedCents: number }[];
  /** Every unit's staff time in the month (only the chosen unit with a unit filter). */
  units: {
    unitId: string;
    name: string | null;
    loggedHours: number;
    budgetHours: number | null;
    staffTimeUse: number | null;
  }[];
}

export interface StaffTime {
  unitId: string;
  name: string | null;
  period: string;
  budgetHours: number | null;
  loggedHours: number;
  staffTimeUse: number | null;
}

export interface Fund {
  fundId: string;
  name: string | null;
  year: number | null;
  budgetCents: number;
  awardedCents: number;
  disbursedCents: number;
}

export interface Initiative {
  initiativeId: string;
  name: string | null;
  kind: string | null;
  district: string | null;
  dissolved: { at: string } | null;
  memberReports: { at: string; activeMembers: number }[];
}

export interface InitiativeMetrics extends Aggregate {
  latestActiveMembers: number | null;
  highestActiveMembers: number | null;
  memberRetention: number | null;
}

export interface CaseSummary {
  caseId: string;
  title: string | null;
  category: string | null;
  stage: Stage;
  status: 'open' | 'closed';
  submittedAt: string | null;
  lastContactAt: string | null;
}

export const WORKLIST_KINDS = [
  'request_unacknowledged',
  'commitment_due',
  'commitment_overdue',
  'case_going_dormant',
  'interim_use_ending',
  'initiative_wait_ending',
  'proof_of_use_due',
  'proof_of_use_overdue',
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

export interface WorklistItem {
  kind: WorklistKind;
  caseId: string;
  caseTitle: string | null;
  dueOn: string | null;
  dueAt: string;
  overdueDays: number;
  unitId: string | null;
  staffRef: string | null;
  promisor: 'administration' | 'initiative' | null;
  hurts: string;
}

export interface CaseFileCommitment {
  commitmentId: string;
  promisor: 'administration' | 'initiative';
  description: string | null;
  descriptionErasedAt: string | null;
  madeAt: string;
  originalDueOn: string;
  dueOn: string;
  status: 'kept' | 'late' | 'broken' | 'overdue' | 'open';
}

/** GET /v1/cases/{id}: the read model; for clerks with `file` (the case file's commitments). */
export interface CaseDocument extends CaseSummary {
  initiativeId: string | null;
  outcome: string | null;
  closedAt: string | null;
  requestedSupport: string[];
  acknowledgedBy: { unitId: string; staffRef: string; at: string } | null;
  contactPerson: { staffRef: string; unitId: string; since: string } | null;
  unitId: string | null;
  interactions: number;
  commitments: number;
  fundingApplications: Record<
    string,
    {
      fundId: string | null;
      status: 'applied' | 'awarded' | 'rejected';
      requestedCents: number | null;
      awardedCents: number | null;
    }
  >;
  interimUse: Record<
    string,
    { propertyKind: string; startsOn: string; endsOn: string; licenceToTry: boolean; ended: string | null }
  >;
  councilResolutions: { resolutionRef: string; outcome: string; decidedOn: string }[];
  institutionalisation: { form: string; effectiveFrom: string; at: string } | null;
  file?: { commitments: CaseFileCommitment[] };
}
