import type { Pool } from 'pg';
import type { Fresh } from './read-model-queries';

/** A municipality's units, initiatives, funds and case categories: what a client offers to choose from. */
export interface Directory {
  readonly units: { unitId: string; name: string | null; isContactPoint: boolean }[];
  /** Without contact data: the read model keeps none. */
  readonly initiatives: { initiativeId: string; name: string | null; kind: string | null; district: string | null }[];
  readonly funds: { fundId: string; name: string | null; year: number | null }[];
  /** The categories cases were submitted under, in alphabetical order. */
  readonly categories: string[];
}

/** Lists for pickers and filters, one query per kind, sorted by name so that lists read the same every time. */
export async function readDirectory(
  pool: Pool,
  tenant: string,
  position: () => Promise<number>,
): Promise<Fresh<Directory>> {
  const [own, units, initiatives, funds, categories] = await Promise.all([
    position(),
    pool.query<Directory['units'][number]>(
      `SELECT id AS "unitId", doc->>'name' AS name, coalesce((doc->>'isContactPoint')::boolean, false) AS "isContactPoint"
       FROM rm_units WHERE tenant = $1 ORDER BY doc->>'name', id`,
      [tenant],
    ),
    pool.query<Directory['initiatives'][number]>(
      `SELECT id AS "initiativeId", doc->>'name' AS name, doc->>'kind' AS kind, doc->>'district' AS district
       FROM rm_initiatives WHERE tenant = $1 ORDER BY doc->>'name', id`,
      [tenant],
    ),
    pool.query<Directory['funds'][number]>(
      `SELECT id AS "fundId", doc->>'name' AS name, (doc->>'year')::int AS year
       FROM rm_funds WHERE tenant = $1 ORDER BY (doc->>'year')::int, doc->>'name', id`,
      [tenant],
    ),
    pool.query<{ category: string }>(
      'SELECT DISTINCT category FROM rm_cases WHERE tenant = $1 AND category IS NOT NULL ORDER BY category',
      [tenant],
    ),
  ]);
  return {
    position: own,
    data: {
      units: units.rows,
      initiatives: initiatives.rows,
      funds: funds.rows,
      categories: categories.rows.map((row) => row.category),
    },
  };
}
