import type { CaseOutcome, CaseStage, ParticipationLevel, Party, TrustDriver } from '@koproduktiv/domain';
import { CaseHistory, caseHistoryAsOf } from './case-history';
import { commitmentStatus, CommitmentStatus } from './commitment-status';
import { compositeIndex, CompositeIndex } from './indices';
import { MetricsSettings, MetricsSettingsInput, resolveMetricsSettings } from './settings';
import { clamp01, mean, median, ratio } from './stats';
import { byTime, earliest, isoAt, latest, msOf } from './timed';
import { days, toMs } from './time';
import { reported, uninterpretable, Uninterpretable } from './uninterpretable';
import { pausedResponseDueMs, runningWait, waitedMs, waitStretches } from './waiting';

export const STAGES = [
  'request',
  'support',
  'interim_use',
  'institutionalised',
] as const satisfies readonly CaseStage[];
export const PROMISORS = ['administration', 'initiative'] as const satisfies readonly Party[];
export const LEVELS = [
  'inform',
  'consult',
  'involve',
  'collaborate',
  'empower',
] as const satisfies readonly ParticipationLevel[];
export const DRIVERS = [
  'responsiveness',
  'reliability',
  'integrity',
  'openness',
  'fairness',
] as const satisfies readonly TrustDriver[];

/** trustIndex participation component: score per IAP2 level. */
export const PARTICIPATION_SCORES: Readonly<Record<ParticipationLevel, number>> = {
  inform: 0,
  consult: 0.25,
  involve: 0.5,
  collaborate: 0.75,
  empower: 1,
};

export type CommitmentCounts = Record<CommitmentStatus, number>;
export type TrustComponent = 'responsiveness' | 'reliability' | 'participation' | 'reciprocity' | 'perceived';
export type ContinuityComponent = 'contactStability' | 'handovers' | 'rhythm';

/** The case metrics of METRICS.md, as of T. Numbers are unrounded; null where undefined. */
export interface CaseMetrics {
  contactContinuity: number | null;
  contactHandovers: number;
  daysToContactPerson: number | null;
  medianContactGapDays: number | null;
  longestSilenceDays: number;
  dormant: boolean;
  stageDays: Record<CaseStage, number>;
  daysToInstitutionalisation: number | null;
  interimUseExtensions: number;
  /** The wait for the initiative running at T (its start, and its last day if one was given); null if none. */
  waitingForInitiative: { since: string; until: string | null } | null;
  /** Time spent waiting for the initiative up to T (the paused clocks stood still for it). */
  waitingDays: number;
  daysToFirstResponse: number | null;
  respondedWithinTarget: boolean | null;
  commitments: Record<Party, CommitmentCounts>;
  commitmentReliability: { administration: number | null; initiative: number | null; combined: number | null };
  fundingDecisionDays: number | null;
  participation: Record<ParticipationLevel, number>;
  coCreationShare: number | null;
  pseudoParticipationRisk: boolean;
  reciprocityIndex: number | null;
  perceivedTrust: {
    initiative: Record<TrustDriver, number> | null;
    administration: Record<TrustDriver, number> | null;
    overall: number | null;
  };
  trustIndex: CompositeIndex<TrustComponent>;
  continuityIndex: CompositeIndex<ContinuityComponent>;
  /** T, ISO 8601. */
  asOf: string;
  /** Entries left out because they cannot be interpreted (only when there are any). */
  uninterpretable?: Uninterpretable[];
}

/** Descriptive facts of a case as of T, used to filter and group aggregates. */
export interface CaseFacts {
  caseId: string | null;
  initiativeId: string;
  category: string;
  submittedAt: string;
  status: 'open' | 'closed';
  /** The outcome of the closing in force; null while open. */
  outcome: CaseOutcome | null;
  stage: CaseStage;
  /** The unit rule: unit of the current contact person, else the acknowledging unit, else null. */
  unitId: string | null;
  /** Days from FundingApplied to its decision, per decided application (for pooled medians). */
  fundingDecisionDays: number[];
  asOf: string;
}

type Interval = readonly [number, number];

interface Timeline {
  /** Stretches of business time during which the case was open, from submission up to T. */
  intervals: Interval[];
  open: boolean;
  outcome: CaseOutcome | null;
}

/** Open/closed over time: from submission, each CaseClosed ends an open stretch, each CaseReopened starts one. */
const timeline = (h: CaseHistory, submitted: number, t: number): Timeline => {
  const intervals: Interval[] = [];
  let open = true;
  let start = submitted;
  let outcome: CaseOutcome | null = null;
  for (const entry of byTime(h.closures)) {
    const at = Math.max(msOf(entry), submitted);
    if (entry.kind === 'closed' && open) {
      intervals.push([start, at]);
      open = false;
      outcome = entry.outcome ?? null;
    } else if (entry.kind === 'reopened' && !open) {
      start = at;
      open = true;
      outcome = null;
    }
  }
  if (open) intervals.push([start, Math.max(start, t)]);
  return { intervals, open, outcome };
};

/** Milliseconds of [from, to] during which the case was open. */
const openTime = (intervals: readonly Interval[], from: number, to: number): number =>
  intervals.reduce((total, [s, e]) => total + Math.max(0, Math.min(to, e) - Math.max(from, s)), 0);

const stageIndex = (stage: CaseStage): number => STAGES.indexOf(stage);

/** Stage changes in business-time order: the stage only ever moves forward. */
const stageSegments = (h: CaseHistory, submitted: number): { stage: CaseStage; from: number }[] => {
  const segments: { stage: CaseStage; from: number }[] = [{ stage: 'request', from: submitted }];
  for (const move of byTime(h.stageMoves)) {
    const current = segments[segments.length - 1];
    if (stageIndex(move.stage) > stageIndex(current.stage)) {
      segments.push({ stage: move.stage, from: Math.max(msOf(move), current.from) });
    }
  }
  return segments;
};

const groupedBy = <E>(list: readonly E[], keyOf: (entry: E) => string): Map<string, E[]> => {
  const groups = new Map<string, E[]>();
  for (const entry of list) {
    const group = groups.get(keyOf(entry));
    if (group) group.push(entry);
    else groups.set(keyOf(entry), [entry]);
  }
  return groups;
};

const zeroCounts = (): CommitmentCounts => ({ kept: 0, late: 0, broken: 0, overdue: 0, open: 0 });

/** kept / (kept + late + broken + overdue); null if that sum is 0. */
export const reliabilityOf = (counts: CommitmentCounts): number | null =>
  ratio(counts.kept, counts.kept + counts.late + counts.broken + counts.overdue);

/** Bice–Boxerman continuity of care: (Σ nᵢ² − N) / (N(N − 1)); null if N < 2. */
export const biceBoxerman = (staffRefs: readonly string[]): number | null => {
  const n = staffRefs.length;
  if (n < 2) return null;
  const perStaff = new Map<string, number>();
  for (const ref of staffRefs) perStaff.set(ref, (perStaff.get(ref) ?? 0) + 1);
  let squares = 0;
  for (const count of perStaff.values()) squares += count * count;
  return (squares - n) / (n * (n - 1));
};

/** 1 − |2s − 1| with s the share initiated by the initiative; null if there are none. */
export const reciprocityOf = (initiatedBy: readonly Party[]): number | null => {
  if (initiatedBy.length === 0) return null;
  const s = initiatedBy.filter((party) => party === 'initiative').length / initiatedBy.length;
  return 1 - Math.abs(2 * s - 1);
};

const driverMeans = (scores: readonly Readonly<Record<TrustDriver, number>>[]): Record<TrustDriver, number> | null => {
  if (scores.length === 0) return null;
  const result = {} as Record<TrustDriver, number>;
  for (const driver of DRIVERS) result[driver] = mean(scores.map((s) => s[driver])) as number;
  return result;
};

/**
 * The case metrics as of T (business time): uses exactly the folded events whose occurredAt <= T.
 * Null when the case was not yet submitted at T.
 */
export const computeCaseMetrics = (
  history: CaseHistory,
  asOf: Date,
  settings?: MetricsSettings | MetricsSettingsInput,
): CaseMetrics | null => {
  const t = toMs(asOf);
  return metricsOfHistoryAsOf(caseHistoryAsOf(history, t), t, resolveMetricsSettings(settings));
};

/** The case metrics of a history already cut at T (`caseHistoryAsOf(history, t)`). */
export const metricsOfHistoryAsOf = (h: CaseHistory, t: number, s: MetricsSettings): CaseMetrics | null => {
  if (h.submitted === null) return null;
  const submitted = msOf(h.submitted);
  const { intervals, open } = timeline(h, submitted, t);
  const waits = waitStretches(h, submitted, t, s.timeZone);
  // The silence and response clocks stand still while the case is closed (silence) or waits for the initiative (both).
  const runningTime = (from: number, to: number) => openTime(intervals, from, to) - waitedMs(waits, from, to);
  const unpausedTime = (from: number, to: number) => to - from - waitedMs(waits, from, to);

  // Continuity
  const interactions = byTime(h.interactions);
  const n = interactions.length;
  const interactionTimes = interactions.map(msOf);
  const contacts = [submitted, ...interactionTimes].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < contacts.length; i++) gaps.push(days(runningTime(contacts[i - 1], contacts[i])));
  const lastContact = contacts[contacts.length - 1];
  const silenceSinceLast = days(runningTime(lastContact, t));
  const assignments = byTime(h.contactAssignments);

  const stageDays = { request: 0, support: 0, interim_use: 0, institutionalised: 0 } as Record<CaseStage, number>;
  const segments = stageSegments(h, submitted);
  segments.forEach((segment, i) => {
    const to = i + 1 < segments.length ? segments[i + 1].from : Math.max(t, segment.from);
    stageDays[segment.stage] += days(openTime(intervals, segment.from, to));
  });
  const institutionalised = earliest(h.stageMoves.filter((m) => m.stage === 'institutionalised'));

  // Trust: response
  const responses = [
    ...h.acknowledgements.map(msOf),
    ...interactionTimes.filter((_, i) => interactions[i].initiatedBy === 'administration'),
  ];
  const daysToFirstResponse = responses.length === 0 ? null : days(unpausedTime(submitted, Math.min(...responses)));
  const waitedForAnswer = daysToFirstResponse ?? days(unpausedTime(submitted, t));
  const responseDue = pausedResponseDueMs(submitted, s, waits, 'metrics');
  const respondedWithinTarget =
    responses.length > 0 ? Math.min(...responses) <= responseDue : t <= responseDue ? null : false;

  // Trust: commitments
  const commitments = { administration: zeroCounts(), initiative: zeroCounts() };
  const changesById = groupedBy(h.commitmentChanges, (change) => change.commitmentId);
  const leftOut: Uninterpretable[] = [];
  for (const commitment of byTime(h.commitments)) {
    const counts = Object.hasOwn(commitments, commitment.promisor) ? commitments[commitment.promisor] : undefined;
    try {
      if (counts === undefined) throw new RangeError(`Not a promisor: ${String(commitment.promisor)}`);
      // Only the administration's promises pause while the case waits for the initiative.
      const paused = commitment.promisor === 'administration' ? { madeAt: msOf(commitment), waits } : undefined;
      const changes = changesById.get(commitment.commitmentId) ?? [];
      counts[commitmentStatus(commitment.dueOn, changes, t, s.timeZone, paused).status] += 1;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      leftOut.push(uninterpretable(h.caseId, 'commitments', commitment.pos, error));
    }
  }
  const combined = zeroCounts();
  for (const party of PROMISORS)
    for (const key of Object.keys(combined) as CommitmentStatus[]) combined[key] += commitments[party][key];

  // Trust: funding
  const decisionDays = fundingDecisionDurations(h);

  // Trust: participation
  const participation = { inform: 0, consult: 0, involve: 0, collaborate: 0, empower: 0 } as Record<
    ParticipationLevel,
    number
  >;
  for (const interaction of interactions) participation[interaction.participationLevel] += 1;
  const reciprocityIndex = reciprocityOf(interactions.map((i) => i.initiatedBy));

  // Trust: perceived
  const feedback = h.trustFeedback;
  const byInitiative = driverMeans(feedback.filter((f) => f.respondent === 'initiative').map((f) => f.scores));
  const byAdministration = driverMeans(feedback.filter((f) => f.respondent === 'administration').map((f) => f.scores));
  const pooled = driverMeans(feedback.map((f) => f.scores));
  const overall = pooled === null ? null : (mean(DRIVERS.map((d) => pooled[d])) as number);

  const commitmentReliability = {
    administration: reliabilityOf(commitments.administration),
    initiative: reliabilityOf(commitments.initiative),
    combined: reliabilityOf(combined),
  };
  const contactContinuity = biceBoxerman(interactions.map((i) => i.staffRef));
  const contactHandovers = Math.max(0, assignments.length - 1);
  const longestSilenceDays = Math.max(silenceSinceLast, ...gaps);
  const waiting = runningWait(waits);

  return {
    contactContinuity,
    contactHandovers,
    daysToContactPerson: assignments.length === 0 ? null : days(msOf(assignments[0]) - submitted),
    medianContactGapDays: median(gaps),
    longestSilenceDays,
    dormant: open && silenceSinceLast > s.dormancyDays,
    stageDays,
    daysToInstitutionalisation: institutionalised === undefined ? null : days(msOf(institutionalised) - submitted),
    interimUseExtensions: h.interimUseExtensions.length,
    waitingForInitiative: waiting ? { since: new Date(waiting.from).toISOString(), until: waiting.until } : null,
    waitingDays: days(waitedMs(waits, submitted, t)),
    daysToFirstResponse,
    respondedWithinTarget,
    commitments,
    commitmentReliability,
    fundingDecisionDays: mean(decisionDays),
    participation,
    coCreationShare: ratio(participation.collaborate + participation.empower, n),
    pseudoParticipationRisk: n >= 5 && participation.involve + participation.collaborate + participation.empower === 0,
    reciprocityIndex,
    perceivedTrust: { initiative: byInitiative, administration: byAdministration, overall },
    trustIndex: compositeIndex<TrustComponent>(
      {
        responsiveness: clamp01(1 - waitedForAnswer / (2 * s.responseTargetDays)),
        reliability: commitmentReliability.combined,
        participation: mean(interactions.map((i) => PARTICIPATION_SCORES[i.participationLevel])),
        reciprocity: reciprocityIndex,
        perceived: overall === null ? null : (overall - 1) / 4,
      },
      s.weights.trust,
    ),
    continuityIndex: compositeIndex<ContinuityComponent>(
      {
        contactStability: contactContinuity,
        handovers: 1 / (1 + contactHandovers),
        rhythm: Math.max(0, 1 - longestSilenceDays / (2 * s.dormancyDays)),
      },
      s.weights.continuity,
    ),
    asOf: new Date(t).toISOString(),
    ...reported(leftOut),
  };
};

/** Per decided application of the (already as-of filtered) history: decision − application, in days. */
const fundingDecisionDurations = (h: CaseHistory): number[] => {
  const result: number[] = [];
  const decisionsById = groupedBy(h.fundingDecisions, (decision) => decision.applicationId);
  for (const application of byTime(h.fundingApplications)) {
    const decision = earliest(decisionsById.get(application.applicationId) ?? []);
    if (decision !== undefined) result.push(days(msOf(decision) - msOf(application)));
  }
  return result;
};

const unitOf = (h: CaseHistory): string | null =>
  latest(h.contactAssignments)?.unitId ?? earliest(h.acknowledgements)?.unitId ?? null;

/** The unit rule as of T: the current contact person's unit, else the acknowledging unit, else null. */
export const caseUnit = (history: CaseHistory, asOf: Date): string | null => unitOf(caseHistoryAsOf(history, asOf));

/** Status, stage, unit and the like as of T; null when the case was not yet submitted at T. */
export const computeCaseFacts = (history: CaseHistory, asOf: Date): CaseFacts | null => {
  const t = toMs(asOf);
  return factsOfHistoryAsOf(caseHistoryAsOf(history, t), t);
};

/** The facts of a history already cut at T (`caseHistoryAsOf(history, t)`). */
export const factsOfHistoryAsOf = (h: CaseHistory, t: number): CaseFacts | null => {
  if (h.submitted === null) return null;
  const submitted = msOf(h.submitted);
  const { open, outcome } = timeline(h, submitted, t);
  const segments = stageSegments(h, submitted);
  return {
    caseId: h.caseId,
    initiativeId: h.submitted.initiativeId,
    category: h.submitted.category,
    submittedAt: isoAt(h.submitted),
    status: open ? 'open' : 'closed',
    outcome,
    stage: segments[segments.length - 1].stage,
    unitId: unitOf(h),
    fundingDecisionDays: fundingDecisionDurations(h),
    asOf: new Date(t).toISOString(),
  };
};
