/** The shapes the console reads, named from the types generated from the API's OpenAPI document. */
import type { components } from './generated/koproduktiv-api';

type Schemas = components['schemas'];

export type Directory = Schemas['DirectoryAnswer']['data'];
export type Aggregate = Schemas['AggregateMetrics'];
export type TimeseriesPoint = Schemas['TimeseriesPoint'];
export type Initiative = Schemas['Initiative'];
export type InitiativeMetrics = Schemas['InitiativeMetricsAnswer']['data'];
export type CaseSummary = Schemas['CaseDocument'];
export type CaseDocument = Schemas['CaseAnswer']['data'];
export type CaseFileCommitment = Schemas['CaseFileCommitment'];
export type CaseHistory = Schemas['CaseHistoryAnswer'];
export type CaseHistoryEntry = CaseHistory['entries'][number];
export type WorklistItem = Schemas['WorklistItem'];
export type WorklistKind = WorklistItem['kind'];
export type Stage = keyof Aggregate['casesPerStage'];

/** In the order a case moves through them (the generated types have them, but not their order). */
export const STAGES = ['request', 'support', 'interim_use', 'institutionalised'] as const satisfies readonly Stage[];

export const WORKLIST_KINDS = [
  'request_unacknowledged',
  'commitment_due',
  'commitment_overdue',
  'case_going_dormant',
  'interim_use_ending',
  'initiative_wait_ending',
  'proof_of_use_due',
  'proof_of_use_overdue',
] as const satisfies readonly WorklistKind[];
