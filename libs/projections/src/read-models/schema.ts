/**
 * Read models live in tables of a *generation* (`rm_cases_g1`, …) behind views with the plain names
 * (`rm_cases`). A rebuild fills the next generation while the current one keeps answering, then
 * repoints the views in one transaction.
 */
/** Tables of one JSON document per entity (tenant, id, doc, position). */
export const READ_MODEL_TABLES = ['rm_cases', 'rm_initiatives', 'rm_units', 'rm_funds'] as const;
export type ReadModelTable = (typeof READ_MODEL_TABLES)[number];
/**
 * Tables of many rows per entity, kept out of the documents so that those stay small; and, per
 * tenant, the position of its latest event the read models have applied (what its analysts are
 * told, instead of the store-wide position, which would show how busy the other tenants are).
 */
export const DETAIL_TABLES = ['rm_unit_staff_time', 'rm_fund_events', 'rm_tenant_positions'] as const;
export type DetailTable = (typeof DETAIL_TABLES)[number];
const ALL_TABLES = [...READ_MODEL_TABLES, ...DETAIL_TABLES] as const;

export const tableName = (table: ReadModelTable | DetailTable, generation: number) =>
  `${table}_g${Math.trunc(generation)}`;

export const GENERATIONS_TABLE = 'kp_read_model_generation';

export const GENERATIONS_DDL = `CREATE TABLE IF NOT EXISTS ${GENERATIONS_TABLE} (
  name text PRIMARY KEY, active integer NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;

/**
 * A case's history is json, not jsonb: it is only ever read whole, and PostgreSQL sends json as it is
 * stored, while jsonb is turned back into text on every read (half of the server's time for a case's
 * metrics). Generations made before are jsonb; every query reads either.
 */
export function generationDdl(generation: number): string {
  const t = (table: ReadModelTable | DetailTable) => tableName(table, generation);
  return `
    CREATE TABLE IF NOT EXISTS ${t('rm_cases')} (
      tenant text NOT NULL, id text NOT NULL,
      initiative_id text, unit_id text, category text, stage text NOT NULL, open boolean NOT NULL,
      submitted_at timestamptz, last_contact_at timestamptz,
      doc jsonb NOT NULL, history json NOT NULL, position bigint NOT NULL,
      PRIMARY KEY (tenant, id));
    CREATE INDEX IF NOT EXISTS ${t('rm_cases')}_initiative ON ${t('rm_cases')} (tenant, initiative_id);
    CREATE INDEX IF NOT EXISTS ${t('rm_cases')}_unit ON ${t('rm_cases')} (tenant, unit_id);
    CREATE INDEX IF NOT EXISTS ${t('rm_cases')}_submitted ON ${t('rm_cases')} (tenant, submitted_at);
    CREATE TABLE IF NOT EXISTS ${t('rm_initiatives')} (tenant text NOT NULL, id text NOT NULL, doc jsonb NOT NULL, position bigint NOT NULL, PRIMARY KEY (tenant, id));
    CREATE TABLE IF NOT EXISTS ${t('rm_units')} (tenant text NOT NULL, id text NOT NULL, doc jsonb NOT NULL, position bigint NOT NULL, PRIMARY KEY (tenant, id));
    CREATE TABLE IF NOT EXISTS ${t('rm_funds')} (tenant text NOT NULL, id text NOT NULL, doc jsonb NOT NULL, position bigint NOT NULL, PRIMARY KEY (tenant, id));
    CREATE TABLE IF NOT EXISTS ${t('rm_unit_staff_time')} (
      tenant text NOT NULL, unit_id text NOT NULL, pos bigint NOT NULL, at timestamptz NOT NULL, hours numeric NOT NULL,
      PRIMARY KEY (tenant, unit_id, pos));
    CREATE TABLE IF NOT EXISTS ${t('rm_fund_events')} (
      tenant text NOT NULL, fund_id text NOT NULL, pos bigint NOT NULL, at timestamptz NOT NULL, entry jsonb NOT NULL,
      PRIMARY KEY (tenant, fund_id, pos));
    -- A case's grant procedures (its case file, the worklist's proofs of use): npm run bench:case-applications.
    CREATE INDEX IF NOT EXISTS ${t('rm_fund_events')}_case ON ${t('rm_fund_events')} (tenant, (entry->>'caseId'));
    CREATE TABLE IF NOT EXISTS ${t('rm_tenant_positions')} (tenant text PRIMARY KEY, position bigint NOT NULL);`;
}

export function pointViewsDdl(generation: number): string {
  return ALL_TABLES.map(
    (table) => `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM ${tableName(table, generation)};`,
  ).join('\n');
}

/** Unlogged scratch tables of a rebuild into a generation (see generation-replay); gone once it is done. */
export const REBUILD_TABLES = ['rm_rebuild_history', 'rm_rebuild_cases'] as const;
/** Tables older versions kept in a generation: dropped with it. */
const RETIRED_TABLES = ['rm_fund_applications', 'rm_rebuild_applications'] as const;
export type RebuildTable = (typeof REBUILD_TABLES)[number];

export const rebuildTableName = (table: RebuildTable, generation: number) => `${table}_g${Math.trunc(generation)}`;

export function dropGenerationDdl(generation: number): string {
  return [
    ...ALL_TABLES.map((table) => tableName(table, generation)),
    ...REBUILD_TABLES.map((table) => rebuildTableName(table, generation)),
    ...RETIRED_TABLES.map((table) => `${table}_g${Math.trunc(generation)}`),
  ]
    .map((table) => `DROP TABLE IF EXISTS ${table} CASCADE;`)
    .join('\n');
}
