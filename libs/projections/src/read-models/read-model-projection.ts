import type { PoolClient } from 'pg';
import { DomainEvent, eventCatalog, isDomainEventType } from '@koproduktiv/domain';
import type { GlobalEvent } from '@koproduktiv/event-store';
import { CaseHistory, emptyCaseHistory, foldCaseEvent } from '@koproduktiv/metrics';
import type { Processor } from '../processor';
import { applyToCase, CaseDocument, newCaseDocument } from './case-document';
import { loadRows, Row, rowKey, upsertRows } from './documents';
import { applyToFund, applyToInitiative, applyToUnit, FundApplicationRow, newFund, newInitiative, newUnit } from './registry-documents';
import { applicationKey } from './registry-documents';
import { DetailTable, generationDdl, ReadModelTable, tableName } from './schema';

export const READ_MODELS_PROCESSOR = 'read-models';

type Target = { table: ReadModelTable; tenant: string; id: string };

/** Which read-model rows an event changes. */
function targetsOf(event: GlobalEvent, domainEvent: DomainEvent): Target[] {
  const data = domainEvent.data as { caseId?: string; unitId?: string; fundId?: string; initiativeId?: string };
  const at = (table: ReadModelTable, id: string | undefined): Target[] => (id ? [{ table, tenant: event.tenant, id }] : []);
  switch (eventCatalog[domainEvent.type]) {
    case 'case':
      return at('rm_cases', data.caseId);
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
    const t = (table: ReadModelTable | DetailTable) => tableName(table, this.generation);
    const cases = (await loadRows<CaseDocument>(tx, t('rm_cases'), keys.get('rm_cases') ?? new Map(), ['history'])) as Map<string, CaseRow>;
    const others = {
      rm_initiatives: await loadRows(tx, t('rm_initiatives'), keys.get('rm_initiatives') ?? new Map()),
      rm_units: await loadRows(tx, t('rm_units'), keys.get('rm_units') ?? new Map()),
      rm_funds: await loadRows(tx, t('rm_funds'), keys.get('rm_funds') ?? new Map()),
    };
    const changed = { rm_cases: new Set<string>(), rm_initiatives: new Set<string>(), rm_units: new Set<string>(), rm_funds: new Set<string>() };
    const staffTime = relevant.flatMap(({ event, domainEvent }) =>
      domainEvent.type === 'StaffTimeLogged'
        ? [{ tenant: event.tenant, unit_id: domainEvent.data.unitId, pos: event.position, at: event.occurredAt.toISOString(), hours: domainEvent.data.hours }]
        : [],
    );
    const applications = await loadApplications(tx, t('rm_fund_applications'), relevant.map(({ event, domainEvent }) => ({ tenant: event.tenant, data: domainEvent.data as { fundId?: string; applicationId?: string } })));

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
        if (target.table === 'rm_funds') applyToFund(row.doc as never, domainEvent, at, event.position, target.tenant, applications);
        row.position = event.position;
        rows.set(key, row);
      }
    }

    await upsertRows(tx, t('rm_cases'), [...changed.rm_cases].map((key) => withCaseColumns(cases.get(key) as CaseRow)), CASE_COLUMNS);
    for (const table of ['rm_initiatives', 'rm_units', 'rm_funds'] as const) {
      await upsertRows(tx, t(table), [...changed[table]].map((key) => others[table].get(key) as Row<unknown>));
    }
    await insertRecords(tx, t('rm_unit_staff_time'), staffTime, STAFF_TIME_COLUMNS, 'DO NOTHING');
    await insertRecords(tx, t('rm_fund_applications'), [...applications.values()], APPLICATION_COLUMNS, 'UPDATE');
  }
}

const STAFF_TIME_COLUMNS = { tenant: 'text', unit_id: 'text', pos: 'bigint', at: 'timestamptz', hours: 'numeric' };
const APPLICATION_COLUMNS = {
  tenant: 'text', fund_id: 'text', application_id: 'text', case_id: 'text', status: 'text',
  awarded_cents: 'bigint', disbursed_cents: 'bigint', decided_at: 'timestamptz', position: 'bigint',
};
const KEYS: Record<string, string> = { rm_unit_staff_time: 'tenant, unit_id, pos', rm_fund_applications: 'tenant, fund_id, application_id' };

async function insertRecords(tx: PoolClient, table: string, records: readonly object[], columns: Record<string, string>, onConflict: 'DO NOTHING' | 'UPDATE'): Promise<void> {
  if (records.length === 0) return;
  const names = Object.keys(columns);
  const keys = KEYS[table.replace(/_g\d+$/, '')];
  const update = onConflict === 'DO NOTHING' ? 'DO NOTHING' : `DO UPDATE SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`;
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${names.map((n) => `${n} ${columns[n]}`).join(', ')})
     ON CONFLICT (${keys}) ${update}`,
    [JSON.stringify(records)],
  );
}

/** The application rows a batch's fund events touch, as stored so far. */
async function loadApplications(tx: PoolClient, table: string, touched: readonly { tenant: string; data: { fundId?: string; applicationId?: string } }[]): Promise<Map<string, FundApplicationRow>> {
  const keys = touched.filter(({ data }) => data.fundId && data.applicationId);
  const rows = new Map<string, FundApplicationRow>();
  if (keys.length === 0) return rows;
  const { rows: found } = await tx.query<FundApplicationRow>(
    `SELECT a.tenant, fund_id, application_id, case_id, status, awarded_cents::float8 AS awarded_cents, disbursed_cents::float8 AS disbursed_cents,
            decided_at, position::float8 AS position
     FROM ${table} a JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(tenant, fund_id, application_id) USING (tenant, fund_id, application_id)`,
    [keys.map((k) => k.tenant), keys.map((k) => k.data.fundId), keys.map((k) => k.data.applicationId)],
  );
  for (const row of found) rows.set(applicationKey(row.tenant, row.fund_id, row.application_id), { ...row, decided_at: new Date(row.decided_at).toISOString() });
  return rows;
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
