import type { Party } from '@koproduktiv/domain';
import { CaseHistory, caseHistoryAsOf } from './case-history';
import { commitmentStatus } from './commitment-status';
import type { FundHistory } from './fund-history';
import { fundStatement } from './fund-statement';
import type { MetricsSettings } from './settings';
import { byTime, msOf } from './timed';
import { endOfLocalDayMs, MS_PER_DAY, toMs } from './time';
import { pausedResponseDueMs, runningDeadline, runningWait, waitedMs, WaitStretch, waitStretches } from './waiting';

/** What the Koordinierungsstelle's worklist lists (docs/METRICS.md, "Worklist"). */
export const WORKLIST_KINDS = [
  'request_unacknowledged',
  'commitment_due',
  'commitment_overdue',
  'case_going_dormant',
  'interim_use_ending',
  'initiative_wait_ending',
  'proof_of_use_due',
  'proof_of_use_overdue',
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

/** An interim-use agreement ends: shown this many days ahead, whatever `within` says (time to extend, convert or end it). */
export const INTERIM_USE_NOTICE_DAYS = 60;
/** The largest `within` a worklist is asked for. */
export const MAX_WORKLIST_WITHIN_DAYS = 366;

/** What the case file knows that the metric history does not keep (the read model's case document). */
export interface WorklistCaseFile {
  readonly caseId: string;
  readonly title: string | null;
  /** The case's unit: its contact person's, else the acknowledging unit's. */
  readonly unitId: string | null;
  /** The contact person, else who acknowledged the request. */
  readonly staffRef: string | null;
  readonly interimUse: readonly { readonly agreementId: string; readonly endsOn: string; readonly ended: boolean }[];
}

export interface WorklistCase {
  readonly history: CaseHistory;
  readonly file: WorklistCaseFile;
  /**
   * The case's grant procedures: per fund, the fund's entries naming the case (its applications).
   * Absent or empty for a case that never had an award.
   */
  readonly grants?: readonly FundHistory[];
}

export interface WorklistItem {
  readonly kind: WorklistKind;
  readonly caseId: string;
  readonly caseTitle: string | null;
  /** The due date of a dated item (commitment, agreement end, proof of use); null for items due at an instant. */
  readonly dueOn: string | null;
  /** When it falls due (for a dated item the end of that local day), ISO 8601 UTC. */
  readonly dueAt: string;
  /** Days past `dueAt`, a started day counting as one; 0 while not overdue. */
  readonly overdueDays: number;
  readonly unitId: string | null;
  readonly staffRef: string | null;
  /** Who promised, for commitments; null otherwise. */
  readonly promisor: Party | null;
  /** The commitment's, agreement's or (proof of use) funding application's id; null for items about the case as a whole. */
  readonly refId: string | null;
  /** The metric the item hurts when it is missed. */
  readonly hurts: string;
  /**
   * The case waits for the initiative and this deadline stands still meanwhile: `dueAt` is when it
   * would fall due if the wait ended now (docs/METRICS.md, "Waiting for the initiative").
   */
  readonly paused: boolean;
}

export interface WorklistQuery {
  /** Items due within this many days of asOf, and every overdue one. */
  readonly within: number;
  readonly unitId?: string;
  readonly staffRef?: string;
  readonly kind?: WorklistKind;
  /** Whose commitments: the administration's (default) or, to follow them up, the initiative's. */
  readonly promisor?: Party;
}

/** A case's history as of T with the facts of its case file; the sources below read it. */
interface Subject {
  readonly h: CaseHistory;
  readonly file: WorklistCaseFile;
  readonly t: number;
  readonly s: MetricsSettings;
  /** The case's waits for the initiative up to T; a wait still running ends at T in them. */
  readonly waits: readonly WaitStretch[];
  /** Open at T (not closed, or reopened): only the proof of use is owed whether the case is open or not. */
  readonly open: boolean;
  readonly grants: readonly FundHistory[];
}

type Draft = Pick<WorklistItem, 'kind' | 'dueOn' | 'promisor' | 'refId' | 'hurts'> & {
  readonly dueMs: number;
  readonly paused?: boolean;
};

/** Where items come from, one function per kind of deadline. */
export type WorklistSource = (subject: Subject) => Draft[];

/** A closed case lists none of these: nothing can be done on it before it is reopened. */
const whileOpen =
  (source: WorklistSource): WorklistSource =>
  (subject) =>
    subject.open ? source(subject) : [];

const isOpen = (h: CaseHistory): boolean => {
  const last = byTime(h.closures).at(-1);
  return last === undefined || last.kind === 'reopened';
};

/**
 * A deadline a running wait moved stands still: it lies at or after T (one that ran out before the wait
 * stays overdue). At T itself: a deadline that ran out in the very millisecond the wait began was
 * moved by it (waiting.ts counts a wait from the deadline's instant), so it stands at T, not yet overdue.
 */
const pausedAt = ({ t, waits }: Subject, dueMs: number): boolean => runningWait(waits) !== undefined && dueMs >= t;

const requestUnacknowledged: WorklistSource = (subject) => {
  const { h, s, waits } = subject;
  const answered =
    h.acknowledgements.length > 0 || h.interactions.some((entry) => entry.initiatedBy === 'administration');
  if (answered || h.submitted === null) return [];
  const dueMs = pausedResponseDueMs(msOf(h.submitted), s, waits, 'worklist');
  return [
    {
      kind: 'request_unacknowledged',
      dueOn: null,
      dueMs,
      promisor: null,
      refId: null,
      hurts: 'daysToFirstResponse',
      paused: pausedAt(subject, dueMs),
    },
  ];
};

const openCommitments: WorklistSource = ({ h, t, s, waits }) => {
  const changes = new Map<string, CaseHistory['commitmentChanges'][number][]>();
  for (const change of h.commitmentChanges) {
    const list = changes.get(change.commitmentId);
    if (list) list.push(change);
    else changes.set(change.commitmentId, [change]);
  }
  return h.commitments.flatMap((commitment): Draft[] => {
    const ofIt = changes.get(commitment.commitmentId) ?? [];
    if (ofIt.some((change) => change.kind !== 'renegotiated')) return [];
    // Only the administration's promises stand still while the case waits for the initiative.
    const paused = commitment.promisor === 'administration' ? { madeAt: msOf(commitment), waits } : undefined;
    let assessed;
    try {
      assessed = commitmentStatus(commitment.dueOn, ofIt, t, s.timeZone, paused);
    } catch {
      return []; // a due date the metrics cannot interpret either (they report it as uninterpretable)
    }
    const dueMs = endOfLocalDayMs(assessed.dueOn, s.timeZone);
    return [
      {
        kind: t > dueMs ? 'commitment_overdue' : 'commitment_due',
        dueOn: assessed.dueOn,
        dueMs,
        promisor: commitment.promisor,
        refId: commitment.commitmentId,
        hurts: `commitmentReliability.${commitment.promisor}`,
        paused: assessed.paused === true,
      },
    ];
  });
};

/**
 * When the silence since the last contact reaches `dormancyDays`: open time not spent waiting for the
 * initiative (METRICS.md `dormant`). The case is open at T (closed cases list nothing), so a clock
 * that has not run out yet runs out that much after T; while the case waits, it stands still.
 */
const goingDormant: WorklistSource = (subject) => {
  const { h, s, t, waits } = subject;
  if (h.submitted === null) return [];
  const submitted = msOf(h.submitted);
  let lastContact = submitted;
  for (const entry of h.interactions) lastContact = Math.max(lastContact, msOf(entry));
  let left = s.dormancyDays * MS_PER_DAY;
  for (const [from, to] of openStretches(h, submitted, t)) {
    const start = Math.max(from, lastContact);
    if (to <= start) continue;
    const counted = to - start - waitedMs(waits, start, to);
    if (counted >= left) return [dormantAt(subject, runningDeadline(start, left, waits))];
    left -= counted;
  }
  return [dormantAt(subject, t + left)];
};

const dormantAt = (subject: Subject, dueMs: number): Draft => ({
  kind: 'case_going_dormant',
  dueOn: null,
  dueMs,
  promisor: null,
  refId: null,
  hurts: 'dormant',
  paused: pausedAt(subject, dueMs),
});

/** Open stretches of business time from the submission up to T (each closing ends one, each reopening starts one). */
const openStretches = (h: CaseHistory, submitted: number, t: number): [number, number][] => {
  const stretches: [number, number][] = [];
  let openSince: number | null = submitted;
  for (const entry of byTime(h.closures)) {
    const at = Math.max(msOf(entry), submitted);
    if (entry.kind === 'closed' && openSince !== null) {
      stretches.push([openSince, at]);
      openSince = null;
    } else if (entry.kind === 'reopened' && openSince === null) openSince = at;
  }
  if (openSince !== null) stretches.push([openSince, Math.max(openSince, t)]);
  return stretches;
};

/** A wait with a last day: when it runs out, the paused clocks run again (resume, extend or follow up before). */
const initiativeWaitEnding: WorklistSource = ({ waits, s }) => {
  const running = runningWait(waits);
  if (running?.until == null) return [];
  return [
    {
      kind: 'initiative_wait_ending',
      dueOn: running.until,
      dueMs: endOfLocalDayMs(running.until, s.timeZone),
      promisor: null,
      refId: null,
      hurts: 'dormant',
    },
  ];
};

const interimUseEnding: WorklistSource = ({ file, s }) =>
  file.interimUse
    .filter((agreement) => !agreement.ended)
    .map((agreement) => ({
      kind: 'interim_use_ending',
      dueOn: agreement.endsOn,
      dueMs: endOfLocalDayMs(agreement.endsOn, s.timeZone),
      promisor: null,
      refId: agreement.agreementId,
      hurts: 'interimUseExtensions',
    }));

/**
 * An award's proof of use while it is owed (the fund statement's proof state `due` or `overdue`, so
 * the item and `proofOverdueShare` agree): until a review of any outcome, or a settlement, by T.
 * The initiative owes it, whether or not the case is still open, and by the date of the award
 * notice: a wait for the initiative does not move it.
 */
const proofOfUse: WorklistSource = ({ grants, t, s, file }) =>
  grants.flatMap((history) =>
    fundStatement(history, new Date(t), s.timeZone).applications.flatMap((application): Draft[] => {
      const { proof, proofDueOn } = application;
      if ((proof !== 'due' && proof !== 'overdue') || proofDueOn === null || application.caseId !== file.caseId)
        return [];
      return [
        {
          kind: proof === 'overdue' ? 'proof_of_use_overdue' : 'proof_of_use_due',
          dueOn: proofDueOn,
          dueMs: endOfLocalDayMs(proofDueOn, s.timeZone),
          promisor: null,
          refId: application.applicationId,
          hurts: 'proofOverdueShare',
        },
      ];
    }),
  );

/** Every kind of deadline the worklist knows: a new kind is one more source. */
export const WORKLIST_SOURCES: readonly WorklistSource[] = [
  whileOpen(requestUnacknowledged),
  whileOpen(openCommitments),
  whileOpen(goingDormant),
  whileOpen(interimUseEnding),
  whileOpen(initiativeWaitEnding),
  proofOfUse,
];

const overdueDays = (t: number, dueMs: number): number => (t > dueMs ? Math.ceil((t - dueMs) / MS_PER_DAY) : 0);

/**
 * Every open deadline of one case as of T, whenever it falls due (no window: see selectWorklist).
 * A closed case has only its proofs of use: nothing else can be done on it before it is reopened. Pure.
 */
export const caseWorklistItems = (c: WorklistCase, asOf: Date | number, settings: MetricsSettings): WorklistItem[] => {
  const t = toMs(asOf);
  const h = caseHistoryAsOf(c.history, t);
  const open = isOpen(h);
  const grants = c.grants ?? [];
  if (h.submitted === null || (!open && grants.length === 0)) return [];
  const waits = waitStretches(h, msOf(h.submitted), t, settings.timeZone);
  const subject: Subject = { h, file: c.file, t, s: settings, waits, open, grants };
  return WORKLIST_SOURCES.flatMap((source) => source(subject)).map((draft) => ({
    kind: draft.kind,
    caseId: c.file.caseId,
    caseTitle: c.file.title,
    dueOn: draft.dueOn,
    dueAt: new Date(draft.dueMs).toISOString(),
    overdueDays: overdueDays(t, draft.dueMs),
    unitId: c.file.unitId,
    staffRef: c.file.staffRef,
    promisor: draft.promisor,
    refId: draft.refId,
    hurts: draft.hurts,
    paused: draft.paused ?? false,
  }));
};

/** Oldest first; ties in a fixed order, so the same items always list the same way. */
export const compareWorklistItems = (a: WorklistItem, b: WorklistItem): number =>
  a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

const key = (item: WorklistItem): string => `${item.caseId} ${item.kind} ${item.refId ?? ''}`;

/** Where an item stands in the list's order (compareWorklistItems): its due time, then a fixed key. */
export const worklistOrderOf = (item: WorklistItem): readonly [string, string] => [item.dueAt, key(item)];

/** Whether an item comes after the place `[dueAt, key]` (a worklistOrderOf) in the list's order. */
export const isAfterInWorklist = (item: WorklistItem, [dueAt, itemKey]: readonly [string, string]): boolean =>
  item.dueAt > dueAt || (item.dueAt === dueAt && key(item) > itemKey);

/**
 * The items due within `within` days of T or already overdue (interim-use agreements ending within
 * INTERIM_USE_NOTICE_DAYS at least), filtered by unit, staff member, kind and promisor, oldest first.
 */
export const selectWorklist = (
  items: Iterable<WorklistItem>,
  asOf: Date | number,
  query: WorklistQuery,
): WorklistItem[] => {
  const t = toMs(asOf);
  const horizon = new Date(t + query.within * MS_PER_DAY).toISOString();
  const interimHorizon = new Date(t + Math.max(query.within, INTERIM_USE_NOTICE_DAYS) * MS_PER_DAY).toISOString();
  const promisor = query.promisor ?? 'administration';
  const selected: WorklistItem[] = [];
  for (const item of items) {
    if (item.dueAt > (item.kind === 'interim_use_ending' ? interimHorizon : horizon)) continue;
    if (query.kind !== undefined && item.kind !== query.kind) continue;
    if (query.unitId !== undefined && item.unitId !== query.unitId) continue;
    if (query.staffRef !== undefined && item.staffRef !== query.staffRef) continue;
    if (item.promisor !== null && item.promisor !== promisor) continue;
    selected.push(item);
  }
  return inOrder(selected) ? selected : selected.sort(compareWorklistItems);
};

/** Whether the items are oldest first already (the API's are: a sort of thousands costs milliseconds). */
const inOrder = (items: readonly WorklistItem[]): boolean => {
  for (let i = 1; i < items.length; i++) if (compareWorklistItems(items[i - 1], items[i]) > 0) return false;
  return true;
};

/** The worklist of many cases as of T (what the API and the reminders compute). Pure. */
export const computeWorklist = (
  cases: Iterable<WorklistCase>,
  asOf: Date | number,
  settings: MetricsSettings,
  query: WorklistQuery,
): WorklistItem[] => {
  const all: WorklistItem[] = [];
  for (const c of cases) all.push(...caseWorklistItems(c, asOf, settings));
  return selectWorklist(all, asOf, query);
};

/**
 * The part of a history the worklist reads, for keeping many cases in memory: what it computes from
 * it as of any T at or after the history's latest entry is what it computes from the whole history.
 * Lists it does not read are emptied; of the interactions, the first the administration started and
 * the latest are kept. Lists added later are kept whole.
 */
export const worklistHistory = (h: CaseHistory): CaseHistory => {
  const firstByAdministration = byTime(h.interactions.filter((entry) => entry.initiatedBy === 'administration'))[0];
  const last = byTime(h.interactions).at(-1);
  const interactions = [firstByAdministration, last].filter(
    (entry, i, kept): entry is NonNullable<typeof entry> => entry !== undefined && kept.indexOf(entry) === i,
  );
  return {
    ...h,
    contactAssignments: [],
    interactions,
    fundingApplications: [],
    fundingDecisions: [],
    stageMoves: [],
    interimUseExtensions: [],
    staffTime: [],
    trustFeedback: [],
  };
};
