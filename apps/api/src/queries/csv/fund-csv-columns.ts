import type { ApplicationStatement, FundStatement } from '@koproduktiv/metrics';
import type { CsvColumn } from './csv-columns';

const column = <T>(name: string, description: string, value: (row: T) => unknown): CsvColumn<T> => ({
  name,
  description,
  value,
});

const MONEY = [
  ['reservedCents', 'proposed (four eyes), not yet confirmed or withdrawn'],
  ['awardedCents', 'awarded'],
  ['disbursedCents', 'paid out'],
  ['acceptedCents', 'accepted by the review of the proof of use'],
  ['reclaimedCents', 'reclaimed'],
  ['repaidCents', 'repaid of what was reclaimed'],
  ['releasedCents', 'awarded but never disbursed, back in the budget by settlement'],
] as const;

/** The columns of one application (applications route, and the statement's application rows). */
export const APPLICATION_COLUMNS: readonly CsvColumn<ApplicationStatement>[] = [
  column('applicationId', 'UUID', (a) => a.applicationId),
  column('caseId', 'UUID', (a) => a.caseId),
  column('status', 'received, refused, proposed, awarded, rejected or settled', (a) => a.status),
  column('requestedCents', 'requested; empty for an award without a received application', (a) => a.requestedCents),
  ...MONEY.map(([name, description]) =>
    column<ApplicationStatement>(name, `euro cents ${description}`, (a) => a[name]),
  ),
  column('spentCents', "the proof of use's spent amount", (a) => a.spentCents),
  column('receivedAt', 'ISO 8601 (UTC)', (a) => a.receivedAt),
  column('refusedAt', 'ISO 8601 (UTC)', (a) => a.refusedAt),
  column('proposedAt', 'ISO 8601 (UTC)', (a) => a.proposedAt),
  column('awardedAt', 'ISO 8601 (UTC)', (a) => a.awardedAt),
  column('rejectedAt', 'ISO 8601 (UTC)', (a) => a.rejectedAt),
  column('proofDueOn', 'YYYY-MM-DD; empty for an award made without one', (a) => a.proofDueOn),
  column('proofSubmittedAt', 'ISO 8601 (UTC)', (a) => a.proofSubmittedAt),
  column('proofReviewedAt', 'ISO 8601 (UTC)', (a) => a.proofReviewedAt),
  column('reviewOutcome', 'accepted, partially_accepted or rejected', (a) => a.reviewOutcome),
  column('proof', 'due, overdue or reviewed; empty without an award with proofDueOn', (a) => a.proof),
  column('settledAt', 'ISO 8601 (UTC)', (a) => a.settledAt),
];

type StatementRow = { kind: 'fund'; fund: FundStatement } | { kind: 'application'; application: ApplicationStatement };

/** The statement as CSV: the fund's row first (budget and available filled), then one row per application. */
export const STATEMENT_COLUMNS: readonly CsvColumn<StatementRow>[] = [
  column('row', '`fund` for the totals, `application` for each application', (r) => r.kind),
  column('budgetCents', 'fund row only: budget', (r) => (r.kind === 'fund' ? r.fund.budgetCents : null)),
  column('availableCents', 'fund row only: budget − reserved − awarded + released', (r) =>
    r.kind === 'fund' ? r.fund.availableCents : null,
  ),
  ...APPLICATION_COLUMNS.map((c) =>
    MONEY.some(([name]) => name === c.name)
      ? column<StatementRow>(c.name, c.description, (r) =>
          r.kind === 'fund' ? r.fund[c.name as (typeof MONEY)[number][0]] : c.value(r.application),
        )
      : column<StatementRow>(c.name, c.description, (r) => (r.kind === 'fund' ? null : c.value(r.application))),
  ),
];

/** The statement's CSV rows, one at a time (a whole statement is written as a stream). */
export function* statementRows(statement: FundStatement): Generator<StatementRow> {
  yield { kind: 'fund', fund: statement };
  for (const application of statement.applications) yield { kind: 'application', application };
}
