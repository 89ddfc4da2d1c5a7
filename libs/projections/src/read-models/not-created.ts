import { READ_MODEL_TABLES, DETAIL_TABLES, GENERATIONS_TABLE } from './schema';

const CHECKPOINTS_TABLE = 'kp_checkpoints';
const OWN_RELATIONS = new RegExp(
  `^(${[...READ_MODEL_TABLES, ...DETAIL_TABLES].join('|')})(_g\\d+)?$|^(${GENERATIONS_TABLE}|${CHECKPOINTS_TABLE})$`,
);

/**
 * Whether a query failed because the read models' tables do not exist yet: the API was started
 * before any projector created them (RUN_PROJECTOR=false, or the projector still starting). A
 * retry later succeeds, unlike a missing table of anything else.
 */
export function readModelsNotCreated(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== '42P01' || typeof message !== 'string') return false; // undefined_table
  const relation = /relation "(?:[^"]+\.)?([^".]+)" does not exist/.exec(message)?.[1];
  return relation !== undefined && OWN_RELATIONS.test(relation);
}
