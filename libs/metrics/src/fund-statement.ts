/**
 * The fund statement and the state of every application as of T: one pass over the fund's entries
 * in business-time order (ties by position). docs/METRICS.md (Funds) defines every column.
 */
import type { FundEntry, FundHistory, ReviewOutcome } from './fund-history';
import { isoAt, msOf } from './timed';
import { DEFAULT_TIME_ZONE, endOfLocalDayMs, toMs } from './time';

export const APPLICATION_STATUSES = ['received', 'refused', 'proposed', 'awarded', 'rejected', 'settled'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Where an award's proof of use stands at T; null for an application without an award or without proofDueOn. */
export const PROOF_STATES = ['due', 'overdue', 'reviewed'] as const;
export type ProofState = (typeof PROOF_STATES)[number];

/** The money columns, per application and (with budget and available) for the whole fund. */
export interface MoneyColumns {
  reservedCents: number;
  awardedCents: number;
  disbursedCents: number;
  acceptedCents: number;
  reclaimedCents: number;
  repaidCents: number;
  releasedCents: number;
}

export interface ApplicationStatement extends MoneyColumns {
  applicationId: string;
  caseId: string | null;
  status: ApplicationStatus;
  /** From ApplicationReceived; null for an award made before the fund received applications. */
  requestedCents: number | null;
  /** The proof of use's spentCents (the latest proof). */
  spentCents: number | null;
  receivedAt: string | null;
  refusedAt: string | null;
  proposedAt: string | null;
  awardedAt: string | null;
  rejectedAt: string | null;
  proofDueOn: string | null;
  proofSubmittedAt: string | null;
  proofReviewedAt: string | null;
  reviewOutcome: ReviewOutcome | null;
  proof: ProofState | null;
  settledAt: string | null;
}

export interface FundStatement extends MoneyColumns {
  fundId: string | null;
  asOf: string;
  /** When the fund stopped taking applications (FundClosed); null while open. */
  closedAt: string | null;
  budgetCents: number;
  /** budget − reserved − awarded + released. */
  availableCents: number;
  applications: ApplicationStatement[];
}

interface Working extends ApplicationStatement {
  /** The open proposal's proofDueOn, taken over by its confirmation. */
  proposedDueOn: string | null;
}

const newApplication = (applicationId: string): Working => ({
  applicationId,
  caseId: null,
  status: 'received',
  requestedCents: null,
  spentCents: null,
  reservedCents: 0,
  awardedCents: 0,
  disbursedCents: 0,
  acceptedCents: 0,
  reclaimedCents: 0,
  repaidCents: 0,
  releasedCents: 0,
  receivedAt: null,
  refusedAt: null,
  proposedAt: null,
  awardedAt: null,
  rejectedAt: null,
  proofDueOn: null,
  proofSubmittedAt: null,
  proofReviewedAt: null,
  reviewOutcome: null,
  proof: null,
  settledAt: null,
  proposedDueOn: null,
});

/** Applies one entry to its application (entries come in business-time order). */
function apply(a: Working, entry: FundEntry, at: string): void {
  const amount = entry.amountCents ?? 0;
  // A refusal naming another case is that case's attempt to reuse the id: it leaves this application alone.
  if (
    entry.type === 'ApplicationRefused' &&
    a.caseId !== null &&
    entry.caseId !== undefined &&
    entry.caseId !== a.caseId
  )
    return;
  if (entry.caseId !== undefined && a.caseId === null) a.caseId = entry.caseId;
  switch (entry.type) {
    case 'ApplicationReceived':
      a.receivedAt ??= at;
      a.requestedCents = entry.amountCents ?? a.requestedCents;
      break;
    case 'ApplicationRefused':
      a.refusedAt ??= at;
      break;
    case 'GrantAwardProposed':
      a.proposedAt ??= at;
      a.reservedCents = amount;
      a.proposedDueOn = entry.proofDueOn ?? null;
      break;
    case 'GrantProposalWithdrawn':
      a.reservedCents = 0;
      a.proposedDueOn = null;
      break;
    case 'GrantAwarded':
      a.awardedAt ??= at;
      a.awardedCents += amount;
      a.proofDueOn = entry.proofDueOn ?? a.proposedDueOn ?? a.proofDueOn;
      a.reservedCents = 0;
      a.proposedDueOn = null;
      break;
    case 'ApplicationRejected':
      a.rejectedAt ??= at;
      a.reservedCents = 0;
      a.proposedDueOn = null;
      break;
    case 'GrantDisbursed':
      a.disbursedCents += amount;
      break;
    case 'ProofOfUseSubmitted':
      a.proofSubmittedAt ??= at;
      a.spentCents = entry.amountCents ?? a.spentCents;
      break;
    case 'ProofOfUseReviewed':
      a.proofReviewedAt ??= at;
      a.acceptedCents = amount;
      a.reviewOutcome = entry.outcome ?? a.reviewOutcome;
      break;
    case 'GrantReclaimed':
      a.reclaimedCents += amount;
      break;
    case 'RepaymentRecorded':
      a.repaidCents += amount;
      break;
    case 'ApplicationSettled':
      a.settledAt ??= at;
      break;
    default:
      break;
  }
}

/** The procedure state, by how far the application got (not by the last event). */
const statusOf = (a: Working): ApplicationStatus => {
  if (a.settledAt !== null) return 'settled';
  if (a.awardedAt !== null) return 'awarded';
  if (a.rejectedAt !== null) return 'rejected';
  if (a.refusedAt !== null) return 'refused';
  return a.reservedCents > 0 ? 'proposed' : 'received';
};

/**
 * An award's proof: reviewed (any outcome) by T; else none once settled; else overdue once T is past
 * the last millisecond of proofDueOn in the tenant's zone; else due. A stored proofDueOn that is no
 * calendar date gives no proof state (it cannot be compared).
 */
const proofOf = (a: Working, t: number, timeZone: string): ProofState | null => {
  const end = proofDueEnd(a, timeZone);
  if (end === null) return null;
  if (a.proofReviewedAt !== null) return 'reviewed';
  // Settled without a review: nothing was paid out (the domain's rule), so nothing is owed any more.
  if (a.settledAt !== null) return null;
  return t > end ? 'overdue' : 'due';
};

/** The last millisecond of an award's proofDueOn in the tenant's zone; null without an award or a readable date. */
export const proofDueEnd = (
  a: Pick<ApplicationStatement, 'awardedAt' | 'proofDueOn'>,
  timeZone: string = DEFAULT_TIME_ZONE,
): number | null => {
  if (a.awardedAt === null || a.proofDueOn === null) return null;
  try {
    const end = endOfLocalDayMs(a.proofDueOn, timeZone);
    return Number.isFinite(end) ? end : null;
  } catch {
    return null;
  }
};

const finish = (a: Working, t: number, timeZone: string): ApplicationStatement => {
  const { proposedDueOn: _proposed, ...statement } = a;
  const released = a.settledAt !== null ? Math.max(0, a.awardedCents - a.disbursedCents) : 0;
  return { ...statement, status: statusOf(a), releasedCents: released, proof: proofOf(a, t, timeZone) };
};

const MONEY: readonly (keyof MoneyColumns)[] = [
  'reservedCents',
  'awardedCents',
  'disbursedCents',
  'acceptedCents',
  'reclaimedCents',
  'repaidCents',
  'releasedCents',
];

/** The fund statement as of T: budget, the money columns summed over the applications, and what is available. */
export const fundStatement = (
  history: FundHistory,
  asOf: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): FundStatement => {
  const t = toMs(asOf);
  let budgetCents = 0;
  let closedAt: string | null = null;
  const applications = new Map<string, Working>();
  // Each time read once: up to T, then in business-time order (ties by position).
  const upToT: { entry: FundEntry; ms: number }[] = [];
  for (const entry of history.entries) {
    const ms = msOf(entry);
    if (ms <= t) upToT.push({ entry, ms });
  }
  upToT.sort((a, b) => a.ms - b.ms || a.entry.pos - b.entry.pos);
  for (const { entry } of upToT) {
    if (entry.type === 'FundOpened' || entry.type === 'FundBudgetIncreased') {
      budgetCents += entry.amountCents ?? 0;
      continue;
    }
    if (entry.type === 'FundClosed') {
      closedAt ??= isoAt(entry);
      continue;
    }
    if (entry.applicationId === undefined) continue;
    let application = applications.get(entry.applicationId);
    if (!application) applications.set(entry.applicationId, (application = newApplication(entry.applicationId)));
    apply(application, entry, isoAt(entry));
  }
  const rows = [...applications.values()]
    .map((a) => finish(a, t, timeZone))
    .sort((a, b) => (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0));
  const totals = Object.fromEntries(
    MONEY.map((column) => [column, rows.reduce((total, row) => total + row[column], 0)]),
  ) as unknown as MoneyColumns;
  return {
    fundId: history.fundId,
    asOf: new Date(t).toISOString(),
    closedAt,
    budgetCents,
    ...totals,
    availableCents: budgetCents - totals.reservedCents - totals.awardedCents + totals.releasedCents,
    applications: rows,
  };
};
