import type { Pool } from 'pg';
import {
  CaseHistory,
  caseWorklistItems,
  compareWorklistItems,
  MetricsSettings,
  selectWorklist,
  WorklistCase,
  WorklistCaseFile,
  worklistHistory,
  WorklistItem,
  WorklistQuery,
} from '@koproduktiv/metrics';
import type { CaseDocument } from '../read-models/case-document';
import { caseFundHistories } from './fund-histories';

/** Cases read per statement when the index catches up: their documents and histories, as JSON text. */
const READ_CHUNK = 250;

/** What a case's document adds to its history for the worklist. */
export const worklistCaseFile = (doc: CaseDocument): WorklistCaseFile => ({
  caseId: doc.caseId,
  title: doc.title,
  unitId: doc.unitId,
  staffRef: doc.contactPerson?.staffRef ?? doc.acknowledgedBy?.staffRef ?? null,
  interimUse: Object.entries(doc.interimUse).map(([agreementId, agreement]) => ({
    agreementId,
    endsOn: agreement.endsOn,
    ended: agreement.ended !== null,
  })),
});

/** A case the worklist could not compute (a history it cannot interpret), reported like the metrics do. */
export interface WorklistLeftOut {
  readonly caseId: string;
  readonly list: 'case';
  readonly pos: null;
  readonly reason: string;
}

export interface TenantWorklist {
  /** Every open deadline of the tenant's cases as of `asOf`, oldest first. */
  readonly items: readonly WorklistItem[];
  readonly asOf: Date;
  /** The tenant's latest event the read models had applied when the items were read. */
  readonly position: number;
  readonly leftOut: readonly WorklistLeftOut[];
  /** The items each question (filters and window) selects, kept while these items are current. */
  readonly selections: Map<string, WorklistItem[]>;
}

/** Questions whose selection a tenant's items keep at most (units × windows × kinds of one municipality). */
const MAX_SELECTIONS = 256;

/** The items `query` selects of the tenant's, computed once per question while the items are current. */
export const selectionOf = (all: TenantWorklist, query: WorklistQuery): WorklistItem[] => {
  const key = JSON.stringify([query.within, query.unitId, query.staffRef, query.kind, query.promisor]);
  let selected = all.selections.get(key);
  if (selected === undefined) {
    selected = selectWorklist(all.items, all.asOf, query);
    if (all.selections.size >= MAX_SELECTIONS) all.selections.clear();
    all.selections.set(key, selected);
  }
  return selected;
};

interface Held {
  readonly rowPosition: number;
  readonly input: WorklistCase;
}

interface TenantIndex {
  readonly cases: Map<string, Held>;
  /** The tenant position the held cases were compared with the read model at. */
  checkedAt: number;
  catchingUp?: { readonly position: number; readonly done: Promise<void> };
  /** The last items computed, and the computation under way for a newer position or minute. */
  settled?: { readonly key: string; readonly value: TenantWorklist };
  pending?: { readonly key: string; readonly value: Promise<TenantWorklist> };
}

/**
 * While newer items are computed, the last ones are answered if they are at most this much older
 * (the minute before): their answer names their own position and `asOf`. Further back, callers wait.
 */
const MAX_STALE_MS = 60_000;
/** Cases computed between two turns of the event loop, so that other requests are served meanwhile. */
const COMPUTE_SLICE = 500;

/**
 * Every case of a tenant in the form the worklist reads (`worklistHistory` and the case file), kept
 * in memory and brought up to date when the read models moved: a row whose position changed is read
 * again, no other. The items as of a moment are computed once per read-model position and moment
 * and shared by every clerk asking, so that a clerk's question costs a filter over them, not a pass
 * over 10 000 histories; while newer ones are computed, the last ones answer (see MAX_STALE_MS).
 */
export class WorklistIndex {
  private readonly tenants = new Map<string, TenantIndex>();

  constructor(
    private readonly pool: Pool,
    private readonly settingsFor: (tenant: string) => MetricsSettings,
    private readonly maxTenants = 1_000,
  ) {}

  /**
   * The tenant's items as of `asOf`, with the read models at `position` (the tenant's latest event they
   * applied) or later.
   */
  items(tenant: string, position: number, asOf: Date): Promise<TenantWorklist> {
    const index = this.indexOf(tenant);
    const key = `${position} ${asOf.getTime()}`;
    const { settled } = index;
    if (settled?.key === key) return Promise.resolve(settled.value);
    let pending = index.pending;
    if (pending?.key !== key) {
      const started = {
        key,
        value: this.catchUp(tenant, index, position).then(() => this.compute(tenant, index, position, asOf)),
      };
      index.pending = pending = started;
      started.value.then(
        (value) => {
          if (!index.settled || index.settled.value.asOf.getTime() <= asOf.getTime()) index.settled = { key, value };
          if (index.pending === started) index.pending = undefined;
        },
        () => {
          if (index.pending === started) index.pending = undefined;
        },
      );
    }
    const behind = settled ? asOf.getTime() - settled.value.asOf.getTime() : -1;
    if (settled && behind >= 0 && behind <= MAX_STALE_MS) return Promise.resolve(settled.value);
    return pending.value;
  }

  private indexOf(tenant: string): TenantIndex {
    let index = this.tenants.get(tenant);
    if (!index) {
      if (this.tenants.size >= this.maxTenants) this.tenants.delete(this.tenants.keys().next().value as string);
      index = { cases: new Map(), checkedAt: -1 };
      this.tenants.set(tenant, index);
    }
    return index;
  }

  private catchUp(tenant: string, index: TenantIndex, position: number): Promise<void> {
    if (index.checkedAt >= position) return Promise.resolve();
    if (index.catchingUp && index.catchingUp.position >= position) return index.catchingUp.done;
    const done = this.read(tenant, index, position).finally(() => {
      if (index.catchingUp?.done === done) index.catchingUp = undefined;
    });
    index.catchingUp = { position, done };
    return done;
  }

  private async read(tenant: string, index: TenantIndex, position: number): Promise<void> {
    const { rows } = await this.pool.query<{ id: string; position: string }>(
      'SELECT id, position FROM rm_cases WHERE tenant = $1',
      [tenant],
    );
    const present = new Set<string>();
    const moved: string[] = [];
    for (const row of rows) {
      present.add(row.id);
      if (index.cases.get(row.id)?.rowPosition !== Number(row.position)) moved.push(row.id);
    }
    for (const id of index.cases.keys()) if (!present.has(id)) index.cases.delete(id);
    const awarded: Held[] = [];
    for (let i = 0; i < moved.length; i += READ_CHUNK) {
      const { rows: read } = await this.pool.query<{ id: string; position: string; doc: string; history: string }>(
        'SELECT id, position, doc::text AS doc, history::text AS history FROM rm_cases WHERE tenant = $1 AND id = ANY($2::text[])',
        [tenant, moved.slice(i, i + READ_CHUNK)],
      );
      for (const row of read) {
        const history = JSON.parse(row.history) as CaseHistory;
        const doc = JSON.parse(row.doc) as CaseDocument;
        const held = {
          rowPosition: Number(row.position),
          input: { history: worklistHistory(history), file: worklistCaseFile(doc) },
        };
        index.cases.set(row.id, held);
        if (history.fundingDecisions.some((decision) => decision.decision === 'awarded')) awarded.push(held);
      }
    }
    if (awarded.length > 0) await this.readGrants(tenant, index, awarded);
    index.checkedAt = Math.max(index.checkedAt, position);
  }

  /** The proofs of use of the cases with an award come from their funds' events (rm_fund_events). */
  private async readGrants(tenant: string, index: TenantIndex, awarded: readonly Held[]): Promise<void> {
    const grants = await caseFundHistories(
      this.pool,
      tenant,
      awarded.map((held) => held.input.file.caseId),
    );
    for (const { rowPosition, input } of awarded) {
      index.cases.set(input.file.caseId, {
        // Without the fund events (read models of an older version, rebuilt now): read again next time.
        rowPosition: grants === undefined ? -1 : rowPosition,
        input: { ...input, grants: grants?.get(input.file.caseId) ?? [] },
      });
    }
  }

  private async compute(tenant: string, index: TenantIndex, position: number, asOf: Date): Promise<TenantWorklist> {
    const settings = this.settingsFor(tenant);
    const items: WorklistItem[] = [];
    const leftOut: WorklistLeftOut[] = [];
    let computed = 0;
    for (const [caseId, { input }] of [...index.cases]) {
      if (++computed % COMPUTE_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      try {
        items.push(...caseWorklistItems(input, asOf, settings));
      } catch (error) {
        leftOut.push({ caseId, list: 'case', pos: null, reason: (error as Error).message });
      }
    }
    return { items: items.sort(compareWorklistItems), asOf, position, leftOut, selections: new Map() };
  }
}
