import { CaseOutcome, CaseStage, Party } from './values';

export type CommitmentStatus = 'open' | 'fulfilled' | 'withdrawn';
export type CommitmentState = Readonly<{ promisor: Party; dueOn: string; status: CommitmentStatus }>;

export type InterimUseState = Readonly<{
  propertyRef: string;
  startsOn: string;
  /** The end date in force (after extensions). */
  endsOn: string;
  status: 'active' | 'ended';
}>;

export type StaffAssignment = Readonly<{ staffRef: string; unitId: string }>;

export type ExistingCase = Readonly<{
  status: 'open' | 'closed';
  caseId: string;
  initiativeId: string;
  /** Never moves backwards; closing keeps it, reopening returns to it. */
  stage: CaseStage;
  acknowledgedBy: StaffAssignment | null;
  contactPerson: StaffAssignment | null;
  /** Set while the case is closed. */
  closedAs: CaseOutcome | null;
  interactionIds: readonly string[];
  supportIds: readonly string[];
  /** Funding applications made on this case, applicationId -> fundId. */
  fundingApplications: Readonly<Record<string, string>>;
  commitments: Readonly<Record<string, CommitmentState>>;
  interimUses: Readonly<Record<string, InterimUseState>>;
  sponsorRefs: readonly string[];
  councilResolutions: readonly Readonly<{ resolutionRef: string; decidedOn: string }>[];
  /**
   * Set from InitiativeAwaited until CaseResumed or CaseClosed. The decider knows no clock, so a wait
   * whose `until` has passed is still set here (the metrics end it at `until`; ResumeCase clears it).
   */
  waitingForInitiative: Readonly<{ until: string | null }> | null;
  /** `held` while a narrative written since the last shredding is stored; `shredded` after ShredCaseNarratives. */
  narratives: 'held' | 'shredded';
}>;

export type CaseState = Readonly<{ status: 'none' }> | ExistingCase;

export const initialCaseState = (): CaseState => ({ status: 'none' });
