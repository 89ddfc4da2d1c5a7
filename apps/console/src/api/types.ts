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
