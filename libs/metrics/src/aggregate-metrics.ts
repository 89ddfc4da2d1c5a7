import type { CaseOutcome, CaseStage, ParticipationLevel, Party } from '@koproduktiv/domain';
import { CaseHistory, caseHistoryAsOf } from './case-history';
import {
  CaseFacts,
  CaseMetrics,
  CommitmentCounts,
  factsOfHistoryAsOf,
  metricsOfHistoryAsOf,
  LEVELS,
  PROMISORS,
  reliabilityOf,
  STAGES,
} from './case-metrics';
import { MetricsSettings, MetricsSettingsInput, resolveMetricsSettings } from './settings';
import { mean, median, notNull, ratio } from './stats';
import { DEFAULT_TIME_ZONE, endOfLocalDay, isoMs, startOfLocalDay } from './time';
import { reported, uninterpretable, Uninterpretable } from './uninterpretable';

export const OUTCOMES = ['completed', 'withdrawn', 'declined', 'merged'] as const satisfies readonly CaseOutcome[];

/** What aggregates take from a case's metrics (the indices by value). */
export interface SnapshotMetrics {
  readonly dormant: boolean;
  /** Waits for the initiative at T (its silence and deadlines stand still). */
  readonly waiting: boolean;
  readonly daysToInstitutionalisation: number | null;
  readonly daysToFirstResponse: number | null;
  readonly respondedWithinTarget: boolean | null;
  readonly commitments: Record<Party, CommitmentCounts>;
  readonly participation: Record<ParticipationLevel, number>;
  readonly trustIndex: number | null;
  readonly continuityIndex: number | null;
  /** Entries of the case left out (empty for almost every case). */
  readonly uninterpretable: readonly Uninterpretable[];
}

/** One case as of T: its facts (for filtering and grouping) and what aggregates need of its metrics. */
export interface CaseSnapshot {
  readonly facts: CaseFacts;
  readonly metrics: SnapshotMetrics;
}

/**
 * A copy of the few metrics aggregates use. A summary holds a snapshot of every case until it
 * aggregates; had those held the CaseMetrics objects, V8 would see the objects made where case
 * metrics are computed live long and allocate them in the old generation from then on (allocation
 * site pretenuring), for every later question about one case too: the old generation then filled
 * at some 9 MB/s and each major collection of the history cache held requests up for tens of ms.
 */
const snapshotMetrics = (m: CaseMetrics): SnapshotMetrics => ({
  dormant: m.dormant,
  waiting: m.waitingForInitiative !== null,
  daysToInstitutionalisation: m.daysToInstitutionalisation,
  daysToFirstResponse: m.daysToFirstResponse,
  respondedWithinTarget: m.respondedWithinTarget,
  commitments: { administration: { ...m.commitments.administration }, initiative: { ...m.commitments.initiative } },
  participation: { ...m.participation },
  trustIndex: m.trustIndex.value,
  continuityIndex: m.continuityIndex.value,
  uninterpretable: m.uninterpretable ?? [],
});

/** Facts and metrics of a case as of T; null when the case was not yet submitted at T. */
export const snapshotCase = (
  history: CaseHistory,
  asOf: Date,
  settings?: MetricsSettings | MetricsSettingsInput,
): CaseSnapshot | null => {
  const t = asOf.getTime();
  const h = caseHistoryAsOf(history, t);
  const metrics = metricsOfHistoryAsOf(h, t, resolveMetricsSettings(settings));
  const facts = factsOfHistoryAsOf(h, t);
  return metrics === null || facts === null ? null : { facts, metrics: snapshotMetrics(metrics) };
};

/** Aggregate filters. Submission dates are local calendar dates of the tenant, both ends inclusive. */
export interface CaseFilter {
  readonly submittedFrom?: string;
  readonly submittedTo?: string;
  readonly category?: string;
  readonly unitId?: string;
  readonly initiativeId?: string;
}

export const filterCases = (
  cases: readonly CaseSnapshot[],
  filter: CaseFilter,
  timeZone: string = DEFAULT_TIME_ZONE,
): CaseSnapshot[] => {
  const from =
    filter.submittedFrom === undefined ? -Infinity : startOfLocalDay(filter.submittedFrom, timeZone).getTime();
  const to = filter.submittedTo === undefined ? Infinity : endOfLocalDay(filter.submittedTo, timeZone).getTime();
  return cases.filter(({ facts }) => {
    const submitted = isoMs(facts.submittedAt);
    return (
      submitted >= from &&
      submitted <= to &&
      (filter.category === undefined || facts.category === filter.category) &&
      (filter.unitId === undefined || facts.unitId === filter.unitId) &&
      (filter.initiativeId === undefined || facts.initiativeId === filter.initiativeId)
    );
  });
};

/** Groups by unit, initiative or category (cases without a unit are grouped under null). */
export const groupCases = (
  cases: readonly CaseSnapshot[],
  by: 'unitId' | 'initiativeId' | 'category',
): { key: string | null; cases: CaseSnapshot[] }[] => {
  const groups = new Map<string | null, CaseSnapshot[]>();
  for (const snapshot of cases) {
    const key = snapshot.facts[by];
    groups.set(key, [...(groups.get(key) ?? []), snapshot]);
  }
  return [...groups.entries()].map(([key, grouped]) => ({ key, cases: grouped }));
};

export interface AggregateCaseMetrics {
  /** Cases in the set (open + closed). */
  cases: number;
  openCases: number;
  closedCases: number;
  /** Open cases by their current stage (closed cases are counted in closedPerOutcome only). */
  casesPerStage: Record<CaseStage, number>;
  closedPerOutcome: Record<CaseOutcome, number>;
  /** Cohort view: institutionalised (as of T) / cases in the set; null for an empty set. */
  institutionalisationRate: number | null;
  /** Dormant / open cases; null without open cases. */
  dormantShare: number | null;
  /** Open cases waiting for the initiative at T / open cases (they cannot be dormant meanwhile); null without open cases. */
  waitingShare: number | null;
  medianDaysToFirstResponse: number | null;
  respondedWithinTargetShare: number | null;
  /** Pooled: Σ kept / Σ (kept + late + broken + overdue). */
  commitmentReliability: { administration: number | null; initiative: number | null; combined: number | null };
  /** Pooled commitment counts per promisor. */
  commitments: { administration: CommitmentCounts; initiative: CommitmentCounts };
  /** Median over every decided application of the cases (not over per-case means). */
  medianFundingDecisionDays: number | null;
  participation: Record<ParticipationLevel, number>;
  coCreationShare: number | null;
  meanTrustIndex: number | null;
  meanContinuityIndex: number | null;
  /** What the cases' histories hold that could not be interpreted and was left out (only when there is any). */
  uninterpretable?: Uninterpretable[];
}

const zeroCounts = (): CommitmentCounts => ({ kept: 0, late: 0, broken: 0, overdue: 0, open: 0 });

const addCounts = (total: CommitmentCounts, counts: CommitmentCounts): void => {
  for (const key of Object.keys(total) as (keyof CommitmentCounts)[]) total[key] += counts[key];
};

/**
 * Aggregates many cases' snapshots (all taken as of the same T). Apply `filterCases` first for a
 * submission period, category, unit or initiative; the filtered set is the cohort of
 * institutionalisationRate. Nulls are skipped everywhere.
 */
export const aggregateCaseMetrics = (cases: readonly CaseSnapshot[]): AggregateCaseMetrics => {
  const casesPerStage = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<CaseStage, number>;
  const closedPerOutcome = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<CaseOutcome, number>;
  const participation = Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<ParticipationLevel, number>;
  const commitments = { administration: zeroCounts(), initiative: zeroCounts() };
  let open = 0;
  let dormant = 0;
  let waiting = 0;
  let institutionalised = 0;
  for (const { facts, metrics } of cases) {
    if (facts.status === 'open') {
      open += 1;
      casesPerStage[facts.stage] += 1;
      if (metrics.dormant) dormant += 1;
      if (metrics.waiting) waiting += 1;
    } else if (facts.outcome !== null) {
      closedPerOutcome[facts.outcome] += 1;
    }
    if (metrics.daysToInstitutionalisation !== null) institutionalised += 1;
    for (const level of LEVELS) participation[level] += metrics.participation[level];
    for (const party of PROMISORS) addCounts(commitments[party], metrics.commitments[party]);
  }
  const combined = zeroCounts();
  addCounts(combined, commitments.administration);
  addCounts(combined, commitments.initiative);
  const responded = cases.map((c) => c.metrics.respondedWithinTarget).filter(notNull);
  const interactions = LEVELS.reduce((total, level) => total + participation[level], 0);
  return {
    cases: cases.length,
    openCases: open,
    closedCases: cases.length - open,
    casesPerStage,
    closedPerOutcome,
    institutionalisationRate: ratio(institutionalised, cases.length),
    dormantShare: ratio(dormant, open),
    waitingShare: ratio(waiting, open),
    medianDaysToFirstResponse: median(cases.map((c) => c.metrics.daysToFirstResponse).filter(notNull)),
    respondedWithinTargetShare: ratio(responded.filter((r) => r).length, responded.length),
    commitmentReliability: {
      administration: reliabilityOf(commitments.administration),
      initiative: reliabilityOf(commitments.initiative),
      combined: reliabilityOf(combined),
    },
    commitments,
    medianFundingDecisionDays: median(cases.flatMap((c) => c.facts.fundingDecisionDays)),
    participation,
    coCreationShare: ratio(participation.collaborate + participation.empower, interactions),
    meanTrustIndex: mean(cases.map((c) => c.metrics.trustIndex).filter(notNull)),
    meanContinuityIndex: mean(cases.map((c) => c.metrics.continuityIndex).filter(notNull)),
    ...reported(cases.flatMap((c) => c.metrics.uninterpretable)),
  };
};

/**
 * Snapshots of many cases as of T, each case on its own: a case whose history cannot be computed at
 * all is left out and reported, instead of failing the answer for every other case.
 */
export class CaseSnapshots {
  readonly snapshots: CaseSnapshot[] = [];
  readonly leftOut: Uninterpretable[] = [];

  constructor(
    private readonly asOf: Date,
    private readonly settings?: MetricsSettings | MetricsSettingsInput,
  ) {}

  add(history: CaseHistory): void {
    this.push(snapshotOrLeftOut(history, this.asOf, this.settings));
  }

  /** Adds a case's snapshot (or that it was left out) taken before, e.g. one kept since (see snapshotOrLeftOut). */
  push(taken: TakenSnapshot): void {
    if ('leftOut' in taken) this.leftOut.push(taken.leftOut);
    else if (taken.snapshot) this.snapshots.push(taken.snapshot);
  }
}

/** A case as of T as CaseSnapshots takes it: its snapshot (null before its submission), or why it was left out. */
export type TakenSnapshot = { readonly snapshot: CaseSnapshot | null } | { readonly leftOut: Uninterpretable };

export const snapshotOrLeftOut = (
  history: CaseHistory,
  asOf: Date,
  settings?: MetricsSettings | MetricsSettingsInput,
): TakenSnapshot => {
  try {
    return { snapshot: snapshotCase(history, asOf, settings) };
  } catch (error) {
    return { leftOut: uninterpretable(history.caseId, 'case', null, error) };
  }
};

/** aggregateCaseMetrics of `snapshots` (or some of them), with the cases left out while taking them reported too. */
export const aggregateReporting = (
  cases: readonly CaseSnapshot[],
  leftOut: readonly Uninterpretable[],
): AggregateCaseMetrics => {
  const aggregate = aggregateCaseMetrics(cases);
  return { ...aggregate, ...reported([...leftOut, ...(aggregate.uninterpretable ?? [])]) };
};
