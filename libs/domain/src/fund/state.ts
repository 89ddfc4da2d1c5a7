import type { ProofOfUseOutcome } from './commands';
import type { AwardTerms } from './events';

/**
 * Where an application stands on the fund: received (undecided), proposed (an award waits for a
 * second person), awarded, rejected, or settled (closed after the award).
 */
export type ApplicationStatus = 'received' | 'proposed' | 'awarded' | 'rejected' | 'settled';

export type FundApplication = Readonly<{
  caseId: string;
  status: ApplicationStatus;
  /** Null for applications the fund decided before it received applications (older stores). */
  requestedCents: number | null;
  /** While proposed: the terms and who proposed them. */
  proposal?: Readonly<AwardTerms & { proposedBy: string }>;
  awardedCents: number;
  disbursedCents: number;
  /** The proof of use: none yet, submitted and waiting for its review, or reviewed (last outcome). */
  proof: 'none' | 'submitted' | ProofOfUseOutcome;
  spentCents: number;
  acceptedCents: number;
  reclaimedCents: number;
  repaidCents: number;
}>;

export type FundState =
  | Readonly<{ status: 'unopened' }>
  | Readonly<{
      status: 'open' | 'closed';
      fundId: string;
      name: string;
      year: number;
      /** Initial budget plus all increases. */
      budgetCents: number;
      /** Proposed awards not yet confirmed or withdrawn. */
      reservedCents: number;
      awardedCents: number;
      disbursedCents: number;
      /** Awarded but never paid out, given back by settled applications. */
      releasedCents: number;
      /** Received (and older, decided) applications by applicationId. */
      applications: Readonly<Record<string, FundApplication>>;
    }>;

export type OpenedFund = Exclude<FundState, { status: 'unopened' }>;

export const initialFundState = (): FundState => ({ status: 'unopened' });

/** What can still be awarded: budget − reserved − awarded + released. */
export const remainingBudgetCents = (fund: OpenedFund): number =>
  fund.budgetCents - fund.reservedCents - fund.awardedCents + fund.releasedCents;

/** An application as the fund first learns of it. */
export const receivedApplication = (caseId: string, requestedCents: number | null): FundApplication => ({
  caseId,
  status: 'received',
  requestedCents,
  awardedCents: 0,
  disbursedCents: 0,
  proof: 'none',
  spentCents: 0,
  acceptedCents: 0,
  reclaimedCents: 0,
  repaidCents: 0,
});
