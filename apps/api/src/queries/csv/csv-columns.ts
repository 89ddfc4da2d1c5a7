/**
 * The columns of every CSV answer, fixed per route: the same columns in the same order whatever the
 * page holds, named after the JSON field they come from (dotted for nested fields). The OpenAPI
 * document lists them (csvColumnsDescription).
 */
import { CASE_OUTCOMES, CASE_STAGES, PARTICIPATION_LEVELS, PARTIES } from '@koproduktiv/domain';
import { COMMITMENT_STATUSES, GrantProcedureMetrics, WORKLIST_KINDS, WorklistItem } from '@koproduktiv/metrics';
import type { CaseDocument, FundPoint, InitiativePoint, Summary, UnitPoint } from '@koproduktiv/projections';

export interface CsvColumn<T> {
  readonly name: string;
  readonly description: string;
  readonly value: (row: T) => unknown;
}

const column = <T>(name: string, description: string, value: (row: T) => unknown): CsvColumn<T> => ({
  name,
  description,
  value,
});

type Aggregate = Summary;

/** The grant-procedure metrics over the applications of the cohort's cases (summary, time series) or of a fund. */
const GRANT_PROCEDURE_COLUMNS: readonly CsvColumn<GrantProcedureMetrics>[] = [
  column('proofsPastDue', 'awards whose proofDueOn has passed by T', (m) => m.proofsPastDue),
  column('proofsOverdue', 'of those, the ones without a review of the proof of use by T', (m) => m.proofsOverdue),
  column('proofOverdueShare', 'proofsOverdue / proofsPastDue (0..1)', (m) => m.proofOverdueShare),
  column('daysToProofReview', 'median days from proof of use submitted to its review', (m) => m.daysToProofReview),
  column('reclaimRate', 'reclaimed / disbursed', (m) => m.reclaimRate),
  column('repaidShare', 'repaid / reclaimed', (m) => m.repaidShare),
];

export const AGGREGATE_COLUMNS: readonly CsvColumn<Aggregate>[] = [
  column('asOf', 'T, ISO 8601 (UTC)', (m) => m.asOf),
  column('cases', 'cases submitted by T', (m) => m.cases),
  column('openCases', 'open cases', (m) => m.openCases),
  column('closedCases', 'closed cases', (m) => m.closedCases),
  ...CASE_STAGES.map((stage) =>
    column<Aggregate>(`casesPerStage.${stage}`, `open cases in stage ${stage}`, (m) => m.casesPerStage[stage]),
  ),
  ...CASE_OUTCOMES.map((outcome) =>
    column<Aggregate>(`closedPerOutcome.${outcome}`, `cases closed as ${outcome}`, (m) => m.closedPerOutcome[outcome]),
  ),
  column('institutionalisationRate', 'institutionalised / cases (0..1)', (m) => m.institutionalisationRate),
  column('dormantShare', 'dormant / open cases (0..1)', (m) => m.dormantShare),
  column('waitingShare', 'open cases waiting for the initiative / open cases (0..1)', (m) => m.waitingShare),
  column('medianDaysToFirstResponse', 'days', (m) => m.medianDaysToFirstResponse),
  column('respondedWithinTargetShare', '0..1', (m) => m.respondedWithinTargetShare),
  ...(['administration', 'initiative', 'combined'] as const).map((who) =>
    column<Aggregate>(
      `commitmentReliability.${who}`,
      `kept / (kept + late + broken + overdue), ${who} (0..1)`,
      (m) => m.commitmentReliability[who],
    ),
  ),
  ...PARTIES.flatMap((party) =>
    COMMITMENT_STATUSES.map((status) =>
      column<Aggregate>(
        `commitments.${party}.${status}`,
        `commitments of the ${party}: ${status}`,
        (m) => m.commitments[party][status],
      ),
    ),
  ),
  column('medianFundingDecisionDays', 'days', (m) => m.medianFundingDecisionDays),
  ...PARTICIPATION_LEVELS.map((level) =>
    column<Aggregate>(`participation.${level}`, `interactions at ${level}`, (m) => m.participation[level]),
  ),
  column('coCreationShare', '0..1', (m) => m.coCreationShare),
  column('meanTrustIndex', '0..100', (m) => m.meanTrustIndex),
  column('meanContinuityIndex', '0..100', (m) => m.meanContinuityIndex),
  ...GRANT_PROCEDURE_COLUMNS,
];

const MONTH_COLUMN = column<{ month: string }>(
  'month',
  "YYYY-MM; the metrics are as of its last millisecond in the tenant's time zone",
  (m) => m.month,
);

export const TIMESERIES_COLUMNS: readonly CsvColumn<Aggregate & { month: string }>[] = [
  MONTH_COLUMN,
  ...AGGREGATE_COLUMNS,
];

type Monthly<T> = T & { month: string; asOf: string };

export const FUND_SERIES_COLUMNS: readonly CsvColumn<Monthly<FundPoint>>[] = [
  MONTH_COLUMN,
  column('fundId', 'UUID', (f) => f.fundId),
  column('name', '', (f) => f.name),
  column('budgetCents', 'budget by the end of the month', (f) => f.budgetCents),
  column('reservedCents', 'proposed, not yet confirmed or withdrawn', (f) => f.reservedCents),
  column('awardedCents', '', (f) => f.awardedCents),
  column('disbursedCents', '', (f) => f.disbursedCents),
  column('releasedCents', 'awarded but never disbursed, released by settlement', (f) => f.releasedCents),
  column('availableCents', 'budget − reserved − awarded + released', (f) => f.availableCents),
  column('awardedShare', 'awarded / budget', (f) => f.awardedShare),
  column('disbursedShare', 'disbursed / awarded', (f) => f.disbursedShare),
  ...GRANT_PROCEDURE_COLUMNS,
];

export const UNIT_SERIES_COLUMNS: readonly CsvColumn<Monthly<UnitPoint>>[] = [
  MONTH_COLUMN,
  column('unitId', 'UUID', (u) => u.unitId),
  column('name', '', (u) => u.name),
  column('loggedHours', 'hours the unit logged in the month', (u) => u.loggedHours),
  column('budgetHours', "the month's budget (its own, else a third of its quarter's)", (u) => u.budgetHours),
  column('staffTimeUse', 'loggedHours / budgetHours', (u) => u.staffTimeUse),
];

export const INITIATIVE_SERIES_COLUMNS: readonly CsvColumn<Monthly<InitiativePoint>>[] = [
  MONTH_COLUMN,
  column('initiativeId', 'UUID', (i) => i.initiativeId),
  column('name', '', (i) => i.name),
  column('latestActiveMembers', 'latest report by the end of the month', (i) => i.latestActiveMembers),
  column('highestActiveMembers', 'highest report so far', (i) => i.highestActiveMembers),
  column('memberRetention', 'latest / highest (0..1)', (i) => i.memberRetention),
];

const applications = (c: CaseDocument) => Object.values(c.fundingApplications);
const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

export const CASE_COLUMNS: readonly CsvColumn<CaseDocument>[] = [
  column('caseId', 'UUID', (c) => c.caseId),
  column('initiativeId', 'UUID', (c) => c.initiativeId),
  column('title', 'title of the request', (c) => c.title),
  column('category', '', (c) => c.category),
  column('channel', '', (c) => c.channel),
  column('requestedSupport', 'kinds of support asked for, separated by spaces', (c) => c.requestedSupport.join(' ')),
  column('stage', CASE_STAGES.join(', '), (c) => c.stage),
  column('status', 'open or closed', (c) => c.status),
  column('outcome', 'outcome of the closing in force; empty while open', (c) => c.outcome),
  column('submittedAt', 'ISO 8601 (UTC)', (c) => c.submittedAt),
  column('closedAt', 'ISO 8601 (UTC)', (c) => c.closedAt),
  column('lastContactAt', 'ISO 8601 (UTC)', (c) => c.lastContactAt),
  column('acknowledgedAt', 'ISO 8601 (UTC); empty if not acknowledged', (c) => c.acknowledgedBy?.at),
  column('acknowledgedByUnitId', 'UUID', (c) => c.acknowledgedBy?.unitId),
  column('contactPersonUnitId', "UUID of the current contact person's unit", (c) => c.contactPerson?.unitId),
  column('contactPersonSince', 'ISO 8601 (UTC)', (c) => c.contactPerson?.since),
  column('unitId', "the unit the case belongs to (contact person's, else acknowledging)", (c) => c.unitId),
  column('interactions', 'count', (c) => c.interactions),
  column('commitments', 'count', (c) => c.commitments),
  column('supports', 'count', (c) => c.supports),
  column('sponsors', 'count', (c) => c.sponsors),
  column('fundingApplications', 'count', (c) => applications(c).length),
  column(
    'fundingAwarded',
    'count of awarded applications',
    (c) => applications(c).filter((a) => a.status === 'awarded').length,
  ),
  column('fundingRequestedCents', 'sum over applications', (c) => sum(applications(c).map((a) => a.requestedCents))),
  column('fundingAwardedCents', 'sum over awarded applications', (c) =>
    sum(applications(c).map((a) => a.awardedCents)),
  ),
  column('interimUseAgreements', 'count', (c) => Object.keys(c.interimUse).length),
  column('interimUseLicenceToTry', 'true if any agreement is a licence to try', (c) =>
    Object.values(c.interimUse).some((a) => a.licenceToTry),
  ),
  column('councilResolutions', 'count', (c) => c.councilResolutions.length),
  column('institutionalisationForm', 'empty unless institutionalised', (c) => c.institutionalisation?.form),
  column('institutionalisationEffectiveFrom', 'YYYY-MM-DD', (c) => c.institutionalisation?.effectiveFrom),
];

export const WORKLIST_COLUMNS: readonly CsvColumn<WorklistItem>[] = [
  column('kind', WORKLIST_KINDS.join(', '), (i) => i.kind),
  column('caseId', 'UUID', (i) => i.caseId),
  column('caseTitle', 'title of the request', (i) => i.caseTitle),
  column('dueOn', 'YYYY-MM-DD, for dated items (commitments, agreements, proofs of use)', (i) => i.dueOn),
  column('dueAt', 'ISO 8601 (UTC): when it falls due', (i) => i.dueAt),
  column('overdueDays', 'days past due, a started day counting as one; 0 while not overdue', (i) => i.overdueDays),
  column('unitId', "UUID of the case's unit", (i) => i.unitId),
  column('staffRef', 'contact person (else who acknowledged)', (i) => i.staffRef),
  column('promisor', 'administration or initiative, for commitments', (i) => i.promisor),
  column('refId', 'the commitment, agreement or funding application (proof of use)', (i) => i.refId),
  column('hurts', 'the metric it hurts when missed (docs/METRICS.md)', (i) => i.hurts),
  column('paused', 'true while the case waits for the initiative and this deadline stands still', (i) => i.paused),
];

/** A Markdown table of the columns, for the OpenAPI description of a CSV answer. */
export const csvColumnsDescription = (columns: readonly CsvColumn<never>[]): string =>
  ['| column | meaning |', '|---|---|', ...columns.map((c) => `| \`${c.name}\` | ${c.description} |`)].join('\n');
