/**
 * The store's one naming convention: a stream id's category is what precedes its first `-`
 * (`case-0195…` → `case`), the whole id when it has none — as KurrentDB's `$ce-` projections read it.
 * The store files streams by it (PostgreSQL's `category` column, KurrentDB's stream names) without
 * knowing which categories exist; the domain's `categoryOf` names those.
 */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
