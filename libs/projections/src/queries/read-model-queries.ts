import type { Pool } from 'pg';
import {
  aggregateReporting,
  AggregateCaseMetrics,
  CaseFilter,
  CaseHistory,
  CaseSnapshots,
  computeCaseMetrics,
  ApplicationStatus,
  computeMemberRetention,
  computeStaffTimeUse,
  filterCases,
  grantProcedureMetrics,
  GrantProcedureMetrics,
  ProofState,
  ratio,
  MetricsSettings,
  monthEnds,
  isAfterInWorklist,
  WorklistItem,
  worklistOrderOf,
  WorklistQuery,
} from '@koproduktiv/metrics';
import { CaseDocument } from '../read-models/case-document';
import { InitiativeDocument, UnitDocument } from '../read-models/registry-documents';
import { lookUpReadModelPosition } from './read-model-position';
import { tableName } from '../read-models/schema';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor';
import { SummaryCache } from './summary-cache';
import { CaseHistoryCache } from './case-history-cache';
import { CaseHistories } from './case-histories';
import { KeptSnapshotReader } from './kept-snapshot-reader';
import { inFlight } from '../in-flight';
import { selectionOf, WorklistIndex, WorklistLeftOut } from './worklist-index';
import { tenantFundHistories } from './fund-histories';
import { BY_APPLICATION, BY_DECISION, FundStatements, PageAsked } from './fund-statements';
import { FundStatementCache } from './fund-statement-cache';
import { caseApplications, CaseApplication } from './case-applications';
import {
  cohortGrantMetrics,
  FundPoint,
  fundPoint,
  InitiativePoint,
  initiativePoints,
  loadRegistryData,
  statementsAsOf,
  UnitPoint,
  unitPoints,
} from './monthly-series';

/**
 * Case histories read per query when a question spans many cases: a page is parsed and computed
 * without a break (about 5 ms for 64 histories of 100 events), so other requests wait at most that.
 */
const HISTORY_PAGE = 64;

/** The default of CASE_HISTORY_CACHE_MB, also where a process has no configuration (tests, scripts). */
export const DEFAULT_CASE_HISTORY_CACHE_MB = 128;

/** Decided applications the fund's figures list per page unless asked for another size. */
export const DECIDED_PAGE = 200;

/** The default budget of the case histories kept per process, estimated heap bytes (see CaseHistoryCache; CASE_HISTORY_CACHE_MB). */
export const DEFAULT_CASE_HISTORY_CACHE_BYTES = DEFAULT_CASE_HISTORY_CACHE_MB * 1024 * 1024;

export interface CaseListFilter {
  readonly stage?: string;
  readonly initiativeId?: string;
  readonly unitId?: string;
  readonly category?: string;
  readonly dormant?: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

/** Cases in id order; each item is a case document's JSON text (CaseDocument). */
export interface CaseListPage {
  readonly items: string[];
  readonly nextCursor: string | null;
}

/** The summary: the cohort's aggregate case metrics and the grant-procedure metrics of its cases' applications. */
export type Summary = AggregateCaseMetrics & GrantProcedureMetrics & { asOf: string };

/** One month of the time series: the summary as of its end, and every fund's, unit's and initiative's figures then. */
export type TimeseriesPoint = Summary & {
  month: string;
  funds: FundPoint[];
  units: UnitPoint[];
  initiatives: InitiativePoint[];
};

export interface TimeseriesFilter {
  /** First and last month, YYYY-MM. */
  readonly from: string;
  readonly to: string;
  readonly unitId?: string;
  readonly category?: string;
}

export interface SummaryFilter {
  readonly asOf?: Date;
  /** Submission period, local dates, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly unitId?: string;
  readonly category?: string;
}

/** A cohort as of T: its aggregate, and who is in it (initiativeIds only where filtered). */
interface Cohort {
  readonly aggregate: AggregateCaseMetrics;
  readonly caseIds: ReadonlySet<string | null>;
  readonly initiativeIds: ReadonlySet<string>;
}

/** Whether a case is dormant at T; a case whose metrics cannot be computed is not (the summary reports it). */
const isDormant = (history: CaseHistory, t: Date, settings: MetricsSettings): boolean => {
  try {
    return computeCaseMetrics(history, t, settings)?.dormant ?? false;
  } catch {
    return false;
  }
};

/** The worklist as of a moment (see WorklistIndex); `uninterpretable` only when a case was left out. */
export interface Worklist {
  /** A page of the items, oldest first. */
  readonly items: WorklistItem[];
  /** How many items the question has in all pages. */
  readonly total: number;
  readonly nextCursor: string | null;
  readonly asOf: string;
  readonly uninterpretable?: readonly WorklistLeftOut[];
}

export interface WorklistPage {
  readonly limit: number;
  /** nextCursor of the previous page: the place in the list's order after which this page starts. */
  readonly cursor?: string;
}

const worklistCursor = (item: WorklistItem): string =>
  Buffer.from(JSON.stringify(worklistOrderOf(item)), 'utf8').toString('base64url');

const worklistPlace = (cursor: string): readonly [string, string] => {
  let place: unknown;
  try {
    place = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(place) || place.length !== 2 || !place.every((part) => typeof part === 'string'))
    throw new InvalidCursorError();
  return place as [string, string];
};

/** Every answer names the position of its tenant's latest event the read models had applied (see positions). */
export interface Fresh<T> {
  readonly position: number;
  readonly data: T;
}

/**
 * The analysts' questions, answered from the read models (never from the event store, never with
 * personal data). Metrics are computed from each case's stored history as of the asked date.
 */
export class ReadModelQueries {
  private readonly summaries = new SummaryCache<Fresh<Summary>>();
  private readonly series = new SummaryCache<Fresh<TimeseriesPoint[]>>();
  private knownPosition: { value: Promise<{ position: number; generation: number }>; at: number } | undefined;
  private readonly tenantPositions = new Map<string, { store: number; own: Promise<number> }>();
  private readonly histories: CaseHistories;
  private readonly kept: KeptSnapshotReader;
  private readonly worklists: WorklistIndex;
  private readonly funds: FundStatements;

  constructor(
    private readonly pool: Pool,
    private readonly settingsFor: (tenant: string) => MetricsSettings,
    private readonly clock: () => Date = () => new Date(),
    readonly historyCache = new CaseHistoryCache(DEFAULT_CASE_HISTORY_CACHE_BYTES),
    readonly fundStatementCache = new FundStatementCache(),
  ) {
    this.funds = new FundStatements(
      {
        pool,
        settingsFor,
        clock,
        reached: async (tenant) => ({
          own: (await this.positions(tenant)).own,
          generation: (await this.reached()).generation,
        }),
      },
      fundStatementCache,
    );
    this.histories = new CaseHistories(pool, historyCache);
    this.kept = new KeptSnapshotReader(pool, this.histories);
    this.worklists = new WorklistIndex(pool, settingsFor);
  }

  /**
   * The store position the read models have reached, and the active generation. Looked up at most
   * every 100 ms: an answer's position is then a slightly older lower bound, which is all it
   * promises, and a request saves a round trip.
   */
  private reached(): Promise<{ position: number; generation: number }> {
    const now = Date.now();
    if (!this.knownPosition || now - this.knownPosition.at > 100) {
      const value = this.lookUpPosition();
      value.catch(() => (this.knownPosition = undefined));
      this.knownPosition = { value, at: now };
    }
    return this.knownPosition.value;
  }

  private lookUpPosition(): Promise<{ position: number; generation: number }> {
    return lookUpReadModelPosition(this.pool);
  }

  /**
   * `store`: the store-wide position the read models have reached, which keys this process's caches.
   * `own`: the tenant's latest event they have applied, which is what an answer names: the store-wide
   * figure would tell one municipality how busy the others are. A client that waits for its command's
   * `position` waits for the same moment with either, since its own event is the tenant's.
   */
  async positions(tenant: string): Promise<{ store: number; own: number }> {
    const { position: store, generation } = await this.reached();
    const known = this.tenantPositions.get(tenant);
    if (known && known.store === store) return { store, own: await known.own };
    const own = generation === 0 ? Promise.resolve(0) : this.lookUpTenantPosition(tenant, generation);
    own.catch(() => this.tenantPositions.delete(tenant));
    if (this.tenantPositions.size >= 10_000) this.tenantPositions.clear();
    this.tenantPositions.set(tenant, { store, own });
    return { store, own: await own };
  }

  private async lookUpTenantPosition(tenant: string, generation: number): Promise<number> {
    try {
      const { rows } = await this.pool.query<{ position: string }>(
        `SELECT position FROM ${tableName('rm_tenant_positions', generation)} WHERE tenant = $1`,
        [tenant],
      );
      return rows.length ? Number(rows[0].position) : 0;
    } catch (error) {
      // A generation no projector of this version has opened yet (a rolling upgrade): no position rather than the store-wide one.
      if ((error as { code?: string }).code === '42P01') return 0;
      throw error;
    }
  }

  /**
   * A page of cases. Each item is the stored document's JSON text, sent on as it is: a page of 50
   * parsed and serialised again cost the API about a millisecond.
   */
  async listCases(tenant: string, filter: CaseListFilter): Promise<Fresh<CaseListPage>> {
    const { store: position, own } = await this.positions(tenant);
    const now = this.clock();
    const found: { id: string; doc: string }[] = [];
    let after = decodeCursor(filter.cursor);
    // Dormancy depends on T, so it is decided per case on top of a conservative SQL pre-filter.
    for (;;) {
      const { rows } = await this.pool.query<{ id: string; doc: string; position: string }>(
        `SELECT id, doc::text AS doc, position FROM rm_cases
         WHERE tenant = $1 AND ($2::text IS NULL OR id > $2) AND ($3::text IS NULL OR stage = $3)
           AND ($4::text IS NULL OR initiative_id = $4) AND ($5::text IS NULL OR unit_id = $5) AND ($6::text IS NULL OR category = $6)
           AND ($7::boolean IS NOT TRUE OR (open AND last_contact_at < $8::timestamptz))
         ORDER BY id LIMIT $9`,
        [
          tenant,
          after ?? null,
          filter.stage ?? null,
          filter.initiativeId ?? null,
          filter.unitId ?? null,
          filter.category ?? null,
          filter.dormant ?? null,
          new Date(now.getTime() - this.settingsFor(tenant).dormancyDays * 86_400_000),
          filter.limit + 1,
        ],
      );
      if (filter.dormant === undefined) found.push(...rows);
      else {
        await this.histories.eachOfRows(tenant, rows, position, (history, i) => {
          if (isDormant(history, now, this.settingsFor(tenant)) === filter.dormant) found.push(rows[i]);
        });
      }
      after = rows.at(-1)?.id;
      if (found.length > filter.limit || rows.length <= filter.limit) break;
    }
    const page = found.slice(0, filter.limit);
    const nextCursor = found.length > filter.limit ? encodeCursor(page[page.length - 1].id) : null;
    return { position: own, data: { items: page.map((row) => row.doc), nextCursor } };
  }

  async getCase(tenant: string, caseId: string): Promise<Fresh<CaseDocument> | undefined> {
    const { own } = await this.positions(tenant);
    const { rows } = await this.pool.query<{ doc: CaseDocument }>(
      'SELECT doc FROM rm_cases WHERE tenant = $1 AND id = $2',
      [tenant, caseId],
    );
    return rows.length ? { position: own, data: rows[0].doc } : undefined;
  }

  async caseMetrics(tenant: string, caseId: string, asOf?: Date) {
    const { store: position, own } = await this.positions(tenant);
    const history = await this.histories.one(tenant, caseId, position);
    if (!history) return undefined;
    return { position: own, data: computeCaseMetrics(history, asOf ?? this.clock(), this.settingsFor(tenant)) };
  }

  /** A case's funding applications as of now, as their funds' statements have them (the clerk's case file). */
  async caseApplications(tenant: string, caseId: string): Promise<CaseApplication[]> {
    return caseApplications(this.pool, tenant, caseId, this.clock(), this.settingsFor(tenant).timeZone);
  }

  /** "Now" of the read side (injectable for tests). */
  now(): Date {
    return this.clock();
  }

  /**
   * What falls due in the tenant's open cases, as of now rounded up to the minute: the clerks asking
   * within one minute and read-model position share one computation, and what happened in this minute
   * is in it (an item due within the minute is shown overdue up to a minute early).
   */
  async worklist(tenant: string, query: WorklistQuery, page: WorklistPage): Promise<Fresh<Worklist>> {
    const place = page.cursor === undefined ? undefined : worklistPlace(page.cursor);
    const { own } = await this.positions(tenant);
    const asOf = new Date(Math.ceil(this.clock().getTime() / 60_000) * 60_000);
    // Keyed by the tenant's own position: other municipalities' events leave its cases as they are.
    const all = await this.worklists.items(tenant, own, asOf);
    const selected = selectionOf(all, query);
    const from = place === undefined ? 0 : selected.findIndex((item) => isAfterInWorklist(item, place));
    const items = from < 0 ? [] : selected.slice(from, from + page.limit);
    const more = from >= 0 && from + page.limit < selected.length;
    return {
      position: all.position,
      data: {
        items,
        total: selected.length,
        nextCursor: more ? worklistCursor(items[items.length - 1]) : null,
        asOf: all.asOf.toISOString(),
        ...(all.leftOut.length ? { uninterpretable: all.leftOut } : {}),
      },
    };
  }

  async initiative(tenant: string, initiativeId: string): Promise<Fresh<InitiativeDocument> | undefined> {
    const { own } = await this.positions(tenant);
    const { rows } = await this.pool.query<{ doc: InitiativeDocument }>(
      'SELECT doc FROM rm_initiatives WHERE tenant = $1 AND id = $2',
      [tenant, initiativeId],
    );
    return rows.length ? { position: own, data: rows[0].doc } : undefined;
  }

  async initiativeMetrics(tenant: string, initiativeId: string, asOf?: Date) {
    const found = await this.initiative(tenant, initiativeId);
    if (!found) return undefined;
    const t = asOf ?? this.clock();
    const cases = await this.snapshots(tenant, t, 'initiative_id = $2', [initiativeId]);
    const retention = computeMemberRetention({ v: 1, initiativeId, memberReports: found.data.memberReports }, t);
    return {
      position: found.position,
      data: { asOf: t.toISOString(), ...aggregateReporting(cases.snapshots, cases.leftOut), ...retention },
    };
  }

  /**
   * Aggregate metrics of the municipality. Computed once per question, read-model position and T;
   * while a newer answer is computed (for at most a minute), the last one is given, naming the
   * position and T it was computed for (see SummaryCache). "Now" is taken to the minute.
   */
  async summary(tenant: string, filter: SummaryFilter): Promise<Fresh<Summary>> {
    const { store: position, own } = await this.positions(tenant);
    const t = filter.asOf ?? new Date(Math.floor(this.clock().getTime() / 60_000) * 60_000);
    const key = JSON.stringify([
      tenant,
      filter.asOf ? t.toISOString() : 'now',
      filter.from,
      filter.to,
      filter.unitId,
      filter.category,
    ]);
    return this.summaries.get(key, `${position} ${t.toISOString()}`, async () => {
      const settings = this.settingsFor(tenant);
      const [cohort] = await this.cohortsAt(tenant, [t], filter.category, {
        submittedFrom: filter.from,
        submittedTo: filter.to,
        unitId: filter.unitId,
      });
      const { generation } = await this.reached();
      const funds = (await tenantFundHistories(this.pool, generation, tenant)).map((history) => ({
        history,
        name: null,
      }));
      const grants = cohortGrantMetrics(
        statementsAsOf(funds, t, settings.timeZone),
        cohort.caseIds,
        t,
        settings.timeZone,
      );
      const data = cohort.aggregate;
      return { position: own, data: { asOf: t.toISOString(), ...data, ...grants } };
    });
  }

  /**
   * The summary as of the end of every month in [from, to] (filtered by category and unit as the
   * summary is), with each month's figures of every fund, unit (only `unitId`, if given) and
   * initiative (with a filter: those with a case in the month's cohort).
   */
  async timeseries(tenant: string, filter: TimeseriesFilter): Promise<Fresh<TimeseriesPoint[]>> {
    // Every point is as of a month's end, so the same read-model position gives the same series: it
    // is computed once per question and position, like the summary (it takes seconds with 10 000 cases).
    const { store: position } = await this.positions(tenant);
    const key = JSON.stringify([tenant, filter.from, filter.to, filter.unitId, filter.category]);
    return this.series.get(key, String(position), () => this.computeTimeseries(tenant, filter));
  }

  private async computeTimeseries(tenant: string, filter: TimeseriesFilter): Promise<Fresh<TimeseriesPoint[]>> {
    const { own } = await this.positions(tenant);
    const { generation } = await this.reached();
    const settings = this.settingsFor(tenant);
    const { timeZone } = settings;
    const months = monthEnds(filter.from, filter.to, timeZone);
    const cohorts = await this.cohortsAt(
      tenant,
      months.map(({ asOf }) => asOf),
      filter.category,
      { unitId: filter.unitId },
    );
    const registries = await loadRegistryData(this.pool, generation, tenant, timeZone, filter.unitId);
    const filtered = filter.unitId !== undefined || filter.category !== undefined;
    const points = months.map(({ month, asOf }, i) => {
      const cohort = cohorts[i];
      const statements = statementsAsOf(registries.funds, asOf, timeZone);
      return {
        month,
        asOf: asOf.toISOString(),
        ...cohort.aggregate,
        ...cohortGrantMetrics(statements, cohort.caseIds, asOf, timeZone),
        funds: statements.map(({ name, statement }) => fundPoint(name, statement, timeZone)),
        units: unitPoints(registries, month, asOf, timeZone),
        initiatives: initiativePoints(registries, asOf, filtered ? cohort.initiativeIds : undefined),
      };
    });
    return { position: own, data: points };
  }

  async unitStaffTime(tenant: string, unitId: string, period: string, asOf?: Date) {
    const { own } = await this.positions(tenant);
    const { rows } = await this.pool.query<{ doc: UnitDocument }>(
      'SELECT doc FROM rm_units WHERE tenant = $1 AND id = $2',
      [tenant, unitId],
    );
    if (!rows.length) return undefined;
    const unit = rows[0].doc;
    const { rows: logged } = await this.pool.query<{ at: Date; pos: string; hours: string }>(
      'SELECT at, pos, hours FROM rm_unit_staff_time WHERE tenant = $1 AND unit_id = $2',
      [tenant, unitId],
    );
    const entries = logged.map((row) => ({
      at: row.at.toISOString(),
      pos: Number(row.pos),
      unitId,
      hours: Number(row.hours),
    }));
    const use = computeStaffTimeUse({
      unit: unit.budgets,
      entries,
      period,
      asOf: asOf ?? this.clock(),
      timeZone: this.settingsFor(tenant).timeZone,
    });
    return { position: own, data: { ...use, unitId, name: unit.name, isContactPoint: unit.isContactPoint } };
  }

  /** The fund statement as of T (docs/METRICS.md, Funds): every money column, the fund's and each application's. */
  async fundStatement(tenant: string, fundId: string, asOf?: Date) {
    const found = await this.funds.statement(tenant, fundId, asOf);
    if (!found) return undefined;
    const data = { ...found.statement, fundId, name: found.doc.name, year: found.doc.year };
    return { position: found.position, data };
  }

  /**
   * A page of the fund statement: the fund's money columns and `limit` applications in applicationId
   * order after the cursor's, of the statement the first page pinned (T and read-model position).
   */
  async fundStatementPage(tenant: string, fundId: string, asOf: Date | undefined, page: PageAsked) {
    const found = await this.funds.page(tenant, fundId, asOf, page, BY_APPLICATION);
    if (!found) return undefined;
    const data = { ...found.statement, fundId, name: found.doc.name, year: found.doc.year, applications: found.rows };
    return { position: found.position, data: { ...data, nextCursor: found.nextCursor } };
  }

  /**
   * The fund's applications as of T, by procedure state and where their proof of use stands: a page
   * of `limit` in applicationId order after the cursor's, of the statement the first page pinned.
   */
  async fundApplications(
    tenant: string,
    fundId: string,
    filter: {
      asOf?: Date;
      status?: ApplicationStatus;
      proof?: Extract<ProofState, 'due' | 'overdue'>;
      limit: number;
      cursor?: string;
    },
  ) {
    const found = await this.funds.page(
      tenant,
      fundId,
      filter.asOf,
      filter,
      BY_APPLICATION,
      (a) =>
        (filter.status === undefined || a.status === filter.status) &&
        (filter.proof === undefined || a.proof === filter.proof),
    );
    if (!found) return undefined;
    const data = { fundId, asOf: found.statement.asOf, applications: found.rows, nextCursor: found.nextCursor };
    return { position: found.position, data };
  }

  /** A fund's figures and grant-procedure metrics as of T, with a page of its decided applications. */
  async fund(tenant: string, fundId: string, asOf?: Date, page: PageAsked = { limit: DECIDED_PAGE }) {
    const found = await this.funds.page(tenant, fundId, asOf, page, BY_DECISION);
    if (!found) return undefined;
    const s = found.statement;
    const t = new Date(s.asOf);
    return {
      position: found.position,
      data: {
        fundId,
        name: found.doc.name,
        year: found.doc.year,
        asOf: s.asOf,
        closedAt: s.closedAt,
        budgetCents: s.budgetCents,
        reservedCents: s.reservedCents,
        awardedCents: s.awardedCents,
        disbursedCents: s.disbursedCents,
        releasedCents: s.releasedCents,
        availableCents: s.availableCents,
        awardedShare: ratio(s.awardedCents, s.budgetCents),
        disbursedShare: ratio(s.disbursedCents, s.awardedCents),
        ...grantProcedureMetrics(s.applications, t, this.settingsFor(tenant).timeZone),
        applications: found.rows,
        nextCursor: found.nextCursor,
      },
    };
  }

  /**
   * Hands every matching case's history to `visit`, a page at a time, the next page's rows asked for
   * while this one is visited. All at once, a municipality-wide question would hold every history in
   * memory and keep the event loop from other requests for as long as the whole computation takes;
   * between pages, they are served. Histories come through the cache (CaseHistories.eachOfRows).
   */
  private async eachHistory(
    tenant: string,
    where: string,
    params: unknown[],
    visit: (history: CaseHistory) => void,
  ): Promise<void> {
    const { position } = await this.reached();
    const after = `$${params.length + 2}::text`;
    const page = (from: string | null) =>
      inFlight(
        this.pool.query<{ id: string; position: string }>(
          `SELECT id, position FROM rm_cases WHERE tenant = $1 AND ${where} AND (${after} IS NULL OR id > ${after}) ORDER BY id LIMIT ${HISTORY_PAGE}`,
          [tenant, ...params, from],
        ),
      );
    let next = page(null);
    for (;;) {
      const { rows } = await next;
      if (rows.length === HISTORY_PAGE) next = page(rows[rows.length - 1].id);
      await this.histories.eachOfRows(tenant, rows, position, visit);
      if (rows.length < HISTORY_PAGE) return;
    }
  }

  /**
   * The cohort (the cases of `category` and `filter`) as of each T: its aggregate and its cases'
   * and initiatives' ids. From kept snapshots where the SnapshotKeeper keeps that T (the whole
   * municipality's aggregate as kept, where nothing moved since), the others from every history in
   * one walk. Either gives the same snapshots in the same order, so the same aggregates.
   */
  private async cohortsAt(
    tenant: string,
    instants: readonly Date[],
    category: string | undefined,
    filter: Pick<CaseFilter, 'submittedFrom' | 'submittedTo' | 'unitId'>,
  ): Promise<Cohort[]> {
    const { store: position, own } = await this.positions(tenant);
    const { generation } = await this.reached();
    const settings = this.settingsFor(tenant);
    const kept = await this.kept.at(tenant, instants, { position, generation, own }, settings);
    const whole = category === undefined && Object.values(filter).every((value) => value === undefined);
    const cohortOf = ({ snapshots, leftOut }: CaseSnapshots): Cohort => {
      const cases = filterCases(snapshots, filter, settings.timeZone);
      return {
        aggregate: aggregateReporting(cases, leftOut),
        caseIds: new Set(cases.map((c) => c.facts.caseId)),
        initiativeIds: new Set(cases.map((c) => c.facts.initiativeId)),
      };
    };
    const fresh = instants.flatMap((asOf, i) => (kept[i] ? [] : [{ i, cases: new CaseSnapshots(asOf, settings) }]));
    if (fresh.length)
      await this.eachHistory(tenant, category ? 'category = $2' : 'TRUE', category ? [category] : [], (history) => {
        for (const { cases } of fresh) cases.add(history);
      });
    const cohorts: Cohort[] = [];
    for (const [i, found] of kept.entries()) {
      if (!found) cohorts.push(cohortOf((fresh.find((f) => f.i === i) as { cases: CaseSnapshots }).cases));
      else if (whole && found.all)
        cohorts.push({ aggregate: found.all, caseIds: new Set(found.kept.submittedIds()), initiativeIds: new Set() });
      else cohorts.push(cohortOf(found.kept.select(category)));
    }
    return cohorts;
  }

  private async snapshots(tenant: string, asOf: Date, where: string, params: unknown[]): Promise<CaseSnapshots> {
    const cases = new CaseSnapshots(asOf, this.settingsFor(tenant));
    await this.eachHistory(tenant, where, params, (history) => cases.add(history));
    return cases;
  }
}
