import type { ReplayedEvent } from '@koproduktiv/event-store';
import {
  caseHistoryEntry,
  CaseHistoryList,
  emptyCaseHistory,
  firstSubmission,
  SubmissionEntry,
} from '@koproduktiv/metrics';
import { applyToCase, CaseDocument, newCaseDocument } from './case-document';
import { copyLine } from './copy-in';
import { Row, rowKey } from './documents';
import {
  applyToRegistryDocument,
  CASE_COLUMNS,
  caseColumns,
  FUND_EVENT_COLUMNS,
  fundEventRow,
  newRegistryDocument,
  Relevant,
  relevantEvent,
  STAFF_TIME_COLUMNS,
  staffTimeRow,
} from './read-model-rows';

type RegistryTable = 'rm_initiatives' | 'rm_units' | 'rm_funds';

interface CaseState {
  /** The case's number in this rebuild: the staged history entries name their case by it. */
  readonly no: number;
  readonly tenant: string;
  readonly id: string;
  readonly doc: CaseDocument;
  submitted: SubmissionEntry | null;
  position: number;
}

/** Columns of the COPY lines the fold hands out. */
export const HISTORY_ENTRY_COLUMNS = ['no', 'seq', 'list', 'entry'] as const;
const CASE_COLUMN_NAMES = Object.keys(CASE_COLUMNS) as (keyof typeof CASE_COLUMNS)[];
export const CASE_STATE_COLUMNS = ['no', 'tenant', 'id', ...CASE_COLUMN_NAMES, 'doc', 'submitted', 'position'] as const;

/** The lists of a case history, numbered as the staged entries name them. */
export const HISTORY_LISTS = Object.keys(emptyCaseHistory()).filter(
  (key) => !['v', 'caseId', 'submitted'].includes(key),
) as CaseHistoryList[];
const LIST_NUMBERS = new Map(HISTORY_LISTS.map((list, index) => [list, index]));
export const REGISTRY_COLUMNS = ['tenant', 'id', 'doc', 'position'] as const;
export const STAFF_TIME_COPY_COLUMNS = Object.keys(STAFF_TIME_COLUMNS) as (keyof typeof STAFF_TIME_COLUMNS)[];
/** In the order of the fold's COPY lines. */
export const FUND_EVENT_COPY_COLUMNS = [
  'tenant',
  'fund_id',
  'pos',
  'at',
  'entry',
] as const satisfies readonly (keyof typeof FUND_EVENT_COLUMNS)[];

/**
 * The rebuild's fold of the whole store, in global order, with the same functions as the live
 * projection. In memory: every document (cases without their history, initiatives, units, funds),
 * so memory grows with the number of entities, not of events. What grows with events leaves as
 * COPY lines, page by page: each case's history entries, numbered in folding order (`seq`) and put
 * together at the end (see generation-replay), staff-time rows and the funds' procedure events.
 */
export class RebuildFold {
  /** Cases by tenant, then id (a key of both would be a new string to hash for every event). */
  private readonly cases = new Map<string, Map<string, CaseState>>();
  private caseCount = 0;
  private readonly registries: Record<RegistryTable, Map<string, Row<unknown>>> = {
    rm_initiatives: new Map(),
    rm_units: new Map(),
    rm_funds: new Map(),
  };
  private seq = 0;
  /** COPY lines not taken yet. */
  private history = '';
  private staffTime = '';
  private fundEvents = '';

  /** Folds the next event of the global order. */
  add(event: ReplayedEvent): void {
    const relevant = relevantEvent(event);
    if (!relevant) return;
    const staff = staffTimeRow(relevant);
    if (staff) this.staffTime += copyLine(STAFF_TIME_COPY_COLUMNS.map((column) => staff[column]));
    const fundEvent = fundEventRow(relevant);
    if (fundEvent) {
      const { tenant, fund_id, pos, at, entry } = fundEvent;
      this.fundEvents += copyLine([tenant, fund_id, pos, at, JSON.stringify(entry)]);
    }
    for (const target of relevant.targets) {
      if (target.table === 'rm_cases') {
        this.history += this.foldCase(target.tenant, target.id, relevant);
        continue;
      }
      const rows = this.registries[target.table];
      const key = rowKey(target.tenant, target.id);
      const row = rows.get(key) ?? {
        tenant: target.tenant,
        id: target.id,
        doc: newRegistryDocument(target.table, target.id),
        position: 0,
      };
      applyToRegistryDocument(target.table, row.doc, relevant);
      row.position = event.position;
      rows.set(key, row);
    }
  }

  /** The COPY lines of the history entries, staff-time rows and fund events folded since the last call. */
  takeLines(): { history: string; staffTime: string; fundEvents: string } {
    const lines = { history: this.history, staffTime: this.staffTime, fundEvents: this.fundEvents };
    this.history = '';
    this.staffTime = '';
    this.fundEvents = '';
    return lines;
  }

  /** Every case's row but its history, as COPY lines (CASE_STATE_COLUMNS), `perChunk` cases at a time. */
  *caseLines(perChunk: number): Generator<string> {
    let lines = '';
    let count = 0;
    for (const byId of this.cases.values()) {
      for (const c of byId.values()) {
        const columns = caseColumns(c.doc);
        lines += copyLine([
          c.no,
          c.tenant,
          c.id,
          ...CASE_COLUMN_NAMES.map((name) => columns[name]),
          JSON.stringify(c.doc),
          c.submitted && JSON.stringify(c.submitted),
          c.position,
        ]);
        if (++count % perChunk === 0) {
          yield lines;
          lines = '';
        }
      }
    }
    if (lines) yield lines;
  }

  registryLines(table: RegistryTable): string {
    let lines = '';
    for (const row of this.registries[table].values())
      lines += copyLine([row.tenant, row.id, JSON.stringify(row.doc), row.position]);
    return lines;
  }

  private foldCase(tenant: string, id: string, { event, domainEvent }: Relevant): string {
    let byId = this.cases.get(tenant);
    if (!byId) this.cases.set(tenant, (byId = new Map()));
    let state = byId.get(id);
    if (!state) {
      state = { no: this.caseCount++, tenant, id, doc: newCaseDocument(id), submitted: null, position: 0 };
      byId.set(id, state);
    }
    applyToCase(state.doc, domainEvent, event.occurredAt.toISOString());
    state.position = event.position;
    const found = caseHistoryEntry(event);
    if (found === undefined || found.caseId !== id) return '';
    if (found.list === 'submitted') {
      state.submitted = firstSubmission(state.submitted, found.entry);
      return '';
    }
    return copyLine([state.no, this.seq++, LIST_NUMBERS.get(found.list), JSON.stringify(found.entry)]);
  }
}
