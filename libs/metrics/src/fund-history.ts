/** A fund's grant procedure as serialisable entries: what its statement and metrics are computed from. */
import { FUND_EVENT_TYPES, PROOF_OF_USE_OUTCOMES, type ProofOfUseOutcome } from '@koproduktiv/domain';
import { addOnce, MetricsEvent, Timed, timedOf } from './timed';

/** The fund events the statement reads (every event of the fund stream, as the domain lists them). */
export const FUND_ENTRY_TYPES = FUND_EVENT_TYPES;
export type FundEntryType = (typeof FUND_ENTRY_TYPES)[number];

export const REVIEW_OUTCOMES = PROOF_OF_USE_OUTCOMES;
export type ReviewOutcome = ProofOfUseOutcome;

/**
 * One event of the fund without any text a person wrote (rationale, reason, purpose, report
 * reference): ids, amounts, dates and the review's outcome only. `amountCents` is the event's
 * money: the budget of FundOpened, the increase, the requested, proposed, awarded, disbursed,
 * spent (a proof's `spentCents`), accepted (a review's `acceptedCents`), reclaimed or repaid amount.
 */
export interface FundEntryFields {
  readonly type: FundEntryType;
  readonly applicationId?: string;
  readonly caseId?: string;
  readonly amountCents?: number;
  readonly proofDueOn?: string;
  readonly outcome?: ReviewOutcome;
}
export type FundEntry = Timed & FundEntryFields;

export interface FundHistory {
  readonly v: 2;
  readonly fundId: string | null;
  readonly entries: readonly FundEntry[];
}

export const emptyFundHistory = (fundId: string | null = null): FundHistory => ({ v: 2, fundId, entries: [] });

const ENTRY_TYPES: ReadonlySet<string> = new Set(FUND_ENTRY_TYPES);
const AMOUNT_FIELD: Partial<Record<FundEntryType, string>> = {
  FundOpened: 'budgetCents',
  FundBudgetIncreased: 'amountCents',
  ApplicationReceived: 'amountRequestedCents',
  GrantAwardProposed: 'amountCents',
  GrantAwarded: 'amountCents',
  GrantDisbursed: 'amountCents',
  ProofOfUseSubmitted: 'spentCents',
  ProofOfUseReviewed: 'acceptedCents',
  GrantReclaimed: 'amountCents',
  RepaymentRecorded: 'amountCents',
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const cents = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;

/** What the statement needs of a fund event (undefined for an event it does not read). */
export const fundEntryFields = (type: string, data: unknown): FundEntryFields | undefined => {
  if (!ENTRY_TYPES.has(type)) return undefined;
  const d = (data ?? {}) as Record<string, unknown>;
  const entryType = type as FundEntryType;
  const amountField = AMOUNT_FIELD[entryType];
  const fields: { -readonly [K in keyof FundEntryFields]: FundEntryFields[K] } = { type: entryType };
  const applicationId = text(d.applicationId);
  if (applicationId !== undefined) fields.applicationId = applicationId;
  const caseId = text(d.caseId);
  if (caseId !== undefined) fields.caseId = caseId;
  const amount = amountField === undefined ? undefined : cents(d[amountField]);
  if (amount !== undefined) fields.amountCents = amount;
  const proofDueOn = text(d.proofDueOn);
  if (proofDueOn !== undefined) fields.proofDueOn = proofDueOn;
  const outcome = text(d.outcome);
  if ((REVIEW_OUTCOMES as readonly string[]).includes(outcome ?? '')) fields.outcome = outcome as ReviewOutcome;
  return fields;
};

export const fundEntryOf = (event: MetricsEvent): FundEntry | undefined => {
  const fields = fundEntryFields(event.type, event.data);
  return fields && { ...timedOf(event), ...fields };
};

/** Adds an event of the fund (once per position); events of other funds and other types change nothing. */
export const foldFundEvent = (history: FundHistory, event: MetricsEvent): FundHistory => {
  const entry = fundEntryOf(event);
  const fundId = text((event.data as { fundId?: unknown } | null)?.fundId) ?? null;
  if (!entry || (history.fundId !== null && history.fundId !== fundId)) return history;
  return { v: 2, fundId: history.fundId ?? fundId, entries: addOnce(history.entries, entry) };
};
