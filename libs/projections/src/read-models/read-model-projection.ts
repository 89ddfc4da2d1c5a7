import type { PoolClient } from 'pg';
import type { GlobalEvent } from '@koproduktiv/event-store';
import { CaseHistory, emptyCaseHistory, foldCaseEvent } from '@koproduktiv/metrics';
import type { Processor } from '@koproduktiv/subscriptions';
import { applyToCase, CaseDocument, newCaseDocument } from './case-document';
import { loadRows, Row, rowKey, upsertRows } from './documents';
import {
  applyToRegistryDocument,
  CASE_COLUMNS,
  caseColumns,
  FUND_EVENT_COLUMNS,
  fundEventRow,
  newRegistryDocument,
  readModelsProcessorName,
  relevantEvents,
  STAFF_TIME_COLUMNS,
  staffTimeRow,
} from './read-model-rows';
import { DetailTable, generationDdl, READ_MODEL_TABLES, ReadModelTable, tableName } from './schema';

export { READ_MODELS_PROCESSOR } from './read-model-rows';

type CaseRow = Row<CaseDocument> & { extra: { history: CaseHistory } & Record<string, unknown> };

/**
 * Projects every event into the analysts' read models of one generation. Each batch loads the rows
 * it touches once, applies the events in global order and writes each row once.
 */
export class ReadModelProjection implements Processor {
  readonly name: string;

  constructor(readonly generation: number) {
    this.name = readModelsProcessorName(generation);
  }

  async prepare(client: PoolClient): Promise<void> {
    const positions = tableName('rm_tenant_positions', this.generation);
    const { rows } = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [positions]);
    await client.query(generationDdl(this.generation));
    // A generation made before tenant positions were kept: each tenant's from its rows, once.
    if (!rows[0].found) await client.query(backfillTenantPositionsSql(this.generation));
  }

  async handle(batch: readonly GlobalEvent[], tx: PoolClient): Promise<void> {
    const relevant = relevantEvents(batch);
    const keys = new Map<ReadModelTable, Map<string, { tenant: string; id: string }>>();
    for (const { targets } of relevant) {
      for (const target of targets) {
        const perTable = keys.get(target.table) ?? new Map();
        perTable.set(rowKey(target.tenant, target.id), target);
        keys.set(target.table, perTable);
      }
    }
    const t = (table: ReadModelTable | DetailTable) => tableName(table, this.generation);
    const cases = (await loadRows<CaseDocument>(tx, t('rm_cases'), keys.get('rm_cases') ?? new Map(), [
      'history',
    ])) as Map<string, CaseRow>;
    const others = {
      rm_initiatives: await loadRows(tx, t('rm_initiatives'), keys.get('rm_initiatives') ?? new Map()),
      rm_units: await loadRows(tx, t('rm_units'), keys.get('rm_units') ?? new Map()),
      rm_funds: await loadRows(tx, t('rm_funds'), keys.get('rm_funds') ?? new Map()),
    };
    const changed = {
      rm_cases: new Set<string>(),
      rm_initiatives: new Set<string>(),
      rm_units: new Set<string>(),
      rm_funds: new Set<string>(),
    };
    const staffTime = relevant.flatMap((r) => staffTimeRow(r) ?? []);
    const fundEvents = relevant.flatMap((r) => fundEventRow(r) ?? []);

    for (const { event, domainEvent, targets } of relevant) {
      const at = event.occurredAt.toISOString();
      for (const target of targets) {
        const key = rowKey(target.tenant, target.id);
        changed[target.table].add(key);
        if (target.table === 'rm_cases') {
          const row = cases.get(key) ?? {
            tenant: target.tenant,
            id: target.id,
            doc: newCaseDocument(target.id),
            position: 0,
            extra: { history: emptyCaseHistory(target.id) },
          };
          applyToCase(row.doc, domainEvent, at);
          row.extra.history = foldCaseEvent(row.extra.history, event);
          row.position = event.position;
          cases.set(key, row);
          continue;
        }
        const rows = others[target.table];
        const row = rows.get(key) ?? {
          tenant: target.tenant,
          id: target.id,
          doc: newRegistryDocument(target.table, target.id),
          position: 0,
        };
        applyToRegistryDocument(target.table, row.doc, { event, domainEvent });
        row.position = event.position;
        rows.set(key, row);
      }
    }

    await upsertRows(
      tx,
      t('rm_cases'),
      [...changed.rm_cases].map((key) => withCaseColumns(cases.get(key) as CaseRow)),
      { ...CASE_COLUMNS, history: 'json' },
    );
    for (const table of ['rm_initiatives', 'rm_units', 'rm_funds'] as const) {
      await upsertRows(
        tx,
        t(table),
        [...changed[table]].map((key) => others[table].get(key) as Row<unknown>),
      );
    }
    await insertRecords(tx, t('rm_unit_staff_time'), staffTime, STAFF_TIME_COLUMNS, 'DO NOTHING');
    await insertRecords(tx, t('rm_fund_events'), fundEvents, FUND_EVENT_COLUMNS, 'DO NOTHING');
    await saveTenantPositions(tx, t('rm_tenant_positions'), latestPerTenant(batch));
  }
}

const KEYS: Record<string, string> = {
  rm_unit_staff_time: 'tenant, unit_id, pos',
  rm_fund_events: 'tenant, fund_id, pos',
};

async function insertRecords(
  tx: PoolClient,
  table: string,
  records: readonly object[],
  columns: Record<string, string>,
  onConflict: 'DO NOTHING' | 'UPDATE',
): Promise<void> {
  if (records.length === 0) return;
  const names = Object.keys(columns);
  const keys = KEYS[table.replace(/_g\d+$/, '')];
  const update =
    onConflict === 'DO NOTHING' ? 'DO NOTHING' : `DO UPDATE SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`;
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${names.map((n) => `${n} ${columns[n]}`).join(', ')})
     ON CONFLICT (${keys}) ${update}`,
    [JSON.stringify(records)],
  );
}

function withCaseColumns(row: CaseRow): CaseRow {
  row.extra = { history: row.extra.history, ...caseColumns(row.doc) };
  return row;
}

/** Each tenant's latest position in a batch (all its events count, those the read models ignore too). */
export function latestPerTenant(batch: readonly { tenant: string; position: number }[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const { tenant, position } of batch) if (position > (latest.get(tenant) ?? -1)) latest.set(tenant, position);
  return latest;
}

export async function saveTenantPositions(
  tx: PoolClient,
  table: string,
  latest: ReadonlyMap<string, number>,
): Promise<void> {
  if (latest.size === 0) return;
  await tx.query(
    `INSERT INTO ${table} AS t (tenant, position) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (tenant) DO UPDATE SET position = greatest(t.position, EXCLUDED.position)`,
    [[...latest.keys()], [...latest.values()]],
  );
}

const backfillTenantPositionsSql = (generation: number) =>
  `INSERT INTO ${tableName('rm_tenant_positions', generation)} (tenant, position)
   SELECT tenant, max(position) FROM (${READ_MODEL_TABLES.map((table) => `SELECT tenant, position FROM ${tableName(table, generation)}`).join(' UNION ALL ')}) rows
   GROUP BY tenant ON CONFLICT (tenant) DO NOTHING`;
