import type { PoolClient } from 'pg';

/** A row being changed by a batch: its key, its JSON document(s) and filter columns. */
export interface Row<D> {
  readonly tenant: string;
  readonly id: string;
  doc: D;
  position: number;
  extra?: Record<string, unknown>;
}

/** Column name -> PostgreSQL type, for the generic JSON upsert. */
export type ColumnTypes = Record<string, string>;

export async function loadRows<D>(
  client: PoolClient,
  table: string,
  keys: ReadonlyMap<string, { tenant: string; id: string }>,
  extraColumns: readonly string[] = [],
): Promise<Map<string, Row<D>>> {
  const rows = new Map<string, Row<D>>();
  if (keys.size === 0) return rows;
  const tenants = [...keys.values()].map((k) => k.tenant);
  const ids = [...keys.values()].map((k) => k.id);
  const select = ['tenant', 'id', 'doc', 'position', ...extraColumns].join(', ');
  const { rows: found } = await client.query(
    `SELECT ${select} FROM ${table} t JOIN unnest($1::text[], $2::text[]) AS k(tenant, id) USING (tenant, id)`,
    [tenants, ids],
  );
  for (const row of found) {
    const extra = Object.fromEntries(extraColumns.map((column) => [column, row[column]]));
    rows.set(rowKey(row.tenant, row.id), {
      tenant: row.tenant,
      id: row.id,
      doc: row.doc,
      position: Number(row.position),
      extra,
    });
  }
  return rows;
}

/**
 * Inserts or updates rows from one JSON array. json_to_recordset (not jsonb_): a json column such as
 * a case's history keeps the text as JSON.stringify wrote it, compact, and the batch is not parsed
 * into jsonb first.
 */
export async function upsertRows(
  client: PoolClient,
  table: string,
  rows: Iterable<Row<unknown>>,
  extraColumns: ColumnTypes = {},
): Promise<void> {
  const records = [...rows].map((row) => ({
    tenant: row.tenant,
    id: row.id,
    doc: row.doc,
    position: row.position,
    ...row.extra,
  }));
  if (records.length === 0) return;
  const columns: ColumnTypes = { tenant: 'text', id: 'text', doc: 'jsonb', position: 'bigint', ...extraColumns };
  const names = Object.keys(columns);
  await client.query(
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${names.join(', ')} FROM json_to_recordset($1::json) AS x(${names.map((n) => `${n} ${columns[n]}`).join(', ')})
     ON CONFLICT (tenant, id) DO UPDATE SET ${names
       .filter((n) => n !== 'tenant' && n !== 'id')
       .map((n) => `${n} = EXCLUDED.${n}`)
       .join(', ')}`,
    [JSON.stringify(records)],
  );
}

export const rowKey = (tenant: string, id: string) => `${tenant}\u0000${id}`;
