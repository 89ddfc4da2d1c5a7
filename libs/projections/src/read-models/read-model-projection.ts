import type { PoolClient } from 'pg';
import { DomainEvent, eventCatalog, isDomainEventType } from '@koproduktiv/domain';
import type { GlobalEvent } from '@koproduktiv/event-store';
import { CaseHistory, emptyCaseHistory, foldCaseEvent } from '@koproduktiv/metrics';
import type { Processor } from '../processor';
import { applyToCase, CaseDocument, newCaseDocument } from './case-document';
import { loadRows, Row, rowKey, upsertRows } from './documents';
import { applyToFund, applyToInitiative, applyToUnit, newFund, newInitiative, newUnit } from './registry-documents';
import { generationDdl, ReadModelTable, tableName } from './schema';

export const READ_MODELS_PROCESSOR = 'read-models';

type Target = { table: ReadModelTable; tenant: string; id: string };

/** Which read-model rows an event changes. */
function targetsOf(event: GlobalEvent, domainEvent: DomainEvent): Target[] {
  const data = domainEvent.data as { caseId?: string; unitId?: string; fundId?: string; initiativeId?: string };
  const at = (table: ReadModelTable, id: string | undefined): Target[] => (id ? [{ table, tenant: event.tenant, id }] : []);
  switch (eventCatalog[domainEvent.type]) {
    case 'case':
      return [...at('rm_cases', data.caseId), ...(domainEvent.type === 'StaffTimeLogged' ? at('rm_units', data.unitId) : [])];
    case 'fund':
      return [...at('rm_funds', data.fundId), ...(domainEvent.type === 'GrantAwarded' || domainEvent.type === 'ApplicationRejected' ? at('rm_cases', data.caseId) : [])];
    case 'initiative':
      return at('rm_initiatives', data.initiativeId);
    case 'unit':
      return at('rm_units', data.unitId);
  }
}

type CaseRow = Row<CaseDocument> & { extra: { history: CaseHistory } & Record<string, unknown> };

/**
 * Projects every event into the analysts' read models of one generation. Each batch loads the rows
 * it touches once, applies the events in global order and writes each row once.
 */
export class ReadModelProjection implements Processor {
  readonly name: string;

  constructor(readonly generation: number) {
    this.name = `${READ_MODELS_PROCESSOR}@g${generation}`;
  }

  async prepare(client: PoolClient): Promise<void> {
    await client.query(generationDdl(this.generation));
  }

  async handle(batch: readonly GlobalEvent[], tx: PoolClient): Promise<void> {
    const relevant = batch.flatMap((event) => {
      if (!isDomainEventType(event.type)) return [];
      const domainEvent = { type: event.type, data: event.data } as DomainEvent;
      return [{ event, domainEvent, targets: targetsOf(event, domainEvent) }];
    });
    const keys = new Map<ReadModelTable, Map<string, { tenant: string; id: string }>>();
    for (const { targets } of relevant) {
      for (const target of targets) {
        const perTable = keys.get(target.table) ?? new Map();
        perTable.set(rowKey(target.tenant, target.id), target);
        keys.set(target.table, perTable);
      }
    }
    const t = (table: ReadModelTable) => tableName(table, this.generation);
    const cases = (await loadRows<CaseDocument>(tx, t('rm_cases'), keys.get('rm_cases') ?? new Map(), ['history'])) as Map<string, CaseRow>;
    const others = {
      rm_initiatives: await loadRows(tx, t('rm_initiatives'), keys.get('rm_initiatives') ?? new Map()),
      rm_units: await loadRows(tx, t('rm_units'), keys.get('rm_units') ?? new Map()),
      rm_funds: await loadRows(tx, t('rm_funds'), keys.get('rm_funds') ?? new Map()),
    };
    const changed = { rm_cases: new Set<string>(), rm_initiatives: new Set<string>(), rm_units: new Set<string>(), rm_funds: new Set<string>() };

    for (const { event, domainEvent, targets } of relevant) {
      const at = event.occurredAt.toISOString();
      for (const target of targets) {
        const key = rowKey(target.tenant, target.id);
        changed[target.table].add(key);
        if (target.table === 'rm_cases') {
          const row = cases.get(key) ?? { tenant: target.tenant, id: target.id, doc: newCaseDocument(target.id), position: 0, extra: { history: emptyCaseHistory(target.id) } };
          applyToCase(row.doc, domainEvent, at);
          row.extra.history = foldCaseEvent(row.extra.history, event);
          row.position = event.position;
          cases.set(key, row);
          continue;
        }
        const rows = others[target.table];
        const row = rows.get(key) ?? { tenant: target.tenant, id: target.id, doc: newDocument(target.table, target.id), position: 0 };
        if (target.table === 'rm_initiatives') applyToInitiative(row.doc as never, domainEvent, at, event.position);
        if (target.table === 'rm_units') applyToUnit(row.doc as never, domainEvent, at, event.position);
        if (target.table === 'rm_funds') applyToFund(row.doc as never, domainEvent, at);
        row.position = event.position;
        rows.set(key, row);
      }
    }

    await upsertRows(tx, t('rm_cases'), [...changed.rm_cases].map((key) => withCaseColumns(cases.get(key) as CaseRow)), CASE_COLUMNS);
    for (const table of ['rm_initiatives', 'rm_units', 'rm_funds'] as const) {
      await upsertRows(tx, t(table), [...changed[table]].map((key) => others[table].get(key) as Row<unknown>));
    }
  }
}

const CASE_COLUMNS = {
  initiative_id: 'text', unit_id: 'text', category: 'text', stage: 'text', open: 'boolean',
  submitted_at: 'timestamptz', last_contact_at: 'timestamptz', history: 'jsonb',
};

function withCaseColumns(row: CaseRow): CaseRow {
  const doc = row.doc;
  row.extra = {
    history: row.extra.history,
    initiative_id: doc.initiativeId, unit_id: doc.unitId, category: doc.category, stage: doc.stage, open: doc.status === 'open',
    submitted_at: doc.submittedAt, last_contact_at: doc.lastContactAt,
  };
  return row;
}

function newDocument(table: Exclude<ReadModelTable, 'rm_cases'>, id: string) {
  if (table === 'rm_initiatives') return newInitiative(id);
  if (table === 'rm_units') return newUnit(id);
  return newFund(id);
}
