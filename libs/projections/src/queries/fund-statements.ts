import type { Pool } from 'pg';
import {
  ApplicationStatement,
  fundStatement,
  FundStatement,
  MetricsSettings,
  statementSpan,
} from '@koproduktiv/metrics';
import type { FundDocument } from '../read-models/registry-documents';
import { InvalidCursorError } from './cursor';
import { fundHistory } from './fund-histories';
import { FundStatementCache } from './fund-statement-cache';
import { decodeStatementCursor, encodeStatementCursor, StatementPlace } from './statement-cursor';

/** A fund's statement as of one T and one read-model position, with the fund's document. */
export interface PinnedStatement {
  readonly position: number;
  readonly doc: FundDocument;
  readonly statement: FundStatement;
}

/** A page of rows of a pinned statement, and the cursor of the next (null on the last page). */
export interface StatementRows<R> {
  readonly rows: R[];
  readonly nextCursor: string | null;
}

export interface PageAsked {
  readonly limit: number;
  readonly cursor?: string;
}

interface Sources {
  readonly pool: Pool;
  readonly settingsFor: (tenant: string) => MetricsSettings;
  readonly clock: () => Date;
  /** The tenant's read-model position and the active generation. */
  readonly reached: (tenant: string) => Promise<{ own: number; generation: number }>;
}

/**
 * Fund statements as the fund routes read them: computed once per fund, read-model position and
 * span of T (FundStatementCache), and paged by cursors that pin T and the position, so that paging
 * costs a slice per page rather than the whole fund's events each time.
 */
export class FundStatements {
  constructor(
    private readonly sources: Sources,
    readonly cache: FundStatementCache,
  ) {}

  /**
   * The statement as of `asOf` (default now) at the tenant's read-model position, or as of the T and
   * position a cursor pinned. Undefined for a fund unknown to the tenant. Entries past the position
   * are left out even where already stored: the answer is exactly the statement at its position.
   */
  async statement(
    tenant: string,
    fundId: string,
    asOf?: Date,
    pin?: StatementPlace,
  ): Promise<PinnedStatement | undefined> {
    const { own, generation } = await this.sources.reached(tenant);
    if (pin && pin.position > own) throw new InvalidCursorError();
    const { rows } = await this.sources.pool.query<{ doc: FundDocument }>(
      'SELECT doc FROM rm_funds WHERE tenant = $1 AND id = $2',
      [tenant, fundId],
    );
    if (!rows.length) return undefined;
    const position = pin?.position ?? own;
    const t = pin?.asOfMs ?? (asOf ?? this.sources.clock()).getTime();
    const { timeZone } = this.sources.settingsFor(tenant);
    const version = `${generation}:${position}:${timeZone}`;
    const statement = await this.cache.through(tenant, fundId, version, t, async () => {
      const history = await fundHistory(this.sources.pool, generation, tenant, fundId);
      const upTo = { ...history, entries: history.entries.filter((entry) => entry.pos <= position) };
      const computed = fundStatement(upTo, new Date(t), timeZone);
      return { span: statementSpan(upTo, computed, timeZone), statement: computed };
    });
    return { position, doc: rows[0].doc, statement };
  }

  /**
   * A page of `limit` rows of the statement that pass `filter`, in the order's order after the
   * cursor's row, and the cursor of the next page. The cursor pins the first page's T and position;
   * a bare applicationId (an application page's cursor of earlier versions) pins nothing. A page
   * costs a binary search and its own rows (the order's list is made once per statement).
   */
  async page<R>(
    tenant: string,
    fundId: string,
    asOf: Date | undefined,
    asked: PageAsked,
    order: RowOrder<R>,
    filter: (row: R) => boolean = () => true,
  ): Promise<(PinnedStatement & StatementRows<R>) | undefined> {
    const place = decodeStatementCursor(asked.cursor, order.keys);
    const pin = place && 'position' in place ? place : undefined;
    const found = await this.statement(tenant, fundId, asOf, pin);
    if (!found) return undefined;
    const all = listed(found.statement, order);
    const rows: R[] = [];
    let i = place ? firstAfter(all, order.keyOf, place.after) : 0;
    for (; i < all.length && rows.length < asked.limit; i++) if (filter(all[i])) rows.push(all[i]);
    while (i < all.length && !filter(all[i])) i++;
    const nextCursor =
      i < all.length
        ? encodeStatementCursor({
            asOfMs: Date.parse(found.statement.asOf),
            position: found.position,
            after: order.keyOf(rows[rows.length - 1]),
          })
        : null;
    return { ...found, rows, nextCursor };
  }
}

/** A list of a statement's rows in the order of their sort keys (compared in turn, as strings). */
export interface RowOrder<R> {
  readonly name: string;
  readonly keys: 1 | 2;
  readonly rowsOf: (applications: readonly ApplicationStatement[]) => readonly R[];
  readonly keyOf: (row: R) => readonly string[];
}

/** Lists made per statement, kept while its applications are (the cache's copies for another T share them). */
const lists = new WeakMap<readonly ApplicationStatement[], Map<string, readonly unknown[]>>();

function listed<R>(statement: FundStatement, order: RowOrder<R>): readonly R[] {
  const byOrder = lists.get(statement.applications) ?? new Map<string, readonly unknown[]>();
  lists.set(statement.applications, byOrder);
  let list = byOrder.get(order.name) as readonly R[] | undefined;
  if (!list) byOrder.set(order.name, (list = order.rowsOf(statement.applications)));
  return list;
}

const compareKeys = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
};

/** The index of the first row whose key comes after `after`. */
function firstAfter<R>(rows: readonly R[], keyOf: (row: R) => readonly string[], after: readonly string[]): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareKeys(keyOf(rows[middle]), after) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The statement's applications, in applicationId order (as fundStatement sorts them). */
export const BY_APPLICATION: RowOrder<ApplicationStatement> = {
  name: 'applications',
  keys: 1,
  rowsOf: (applications) => applications,
  keyOf: (a) => [a.applicationId],
};

/** A decided application as the fund's figures list it. */
export interface DecidedApplication {
  readonly applicationId: string;
  readonly caseId: string | null;
  readonly status: ApplicationStatement['status'];
  readonly awardedCents: number;
  readonly disbursedCents: number;
  readonly decidedAt: string;
}

/** The applications awarded or rejected by T, in the order they were decided (then applicationId). */
export const BY_DECISION: RowOrder<DecidedApplication> = {
  name: 'decided',
  keys: 2,
  rowsOf: (applications) =>
    applications
      .filter((a) => a.awardedAt !== null || a.rejectedAt !== null)
      .map((a) => ({
        applicationId: a.applicationId,
        caseId: a.caseId,
        status: a.status,
        awardedCents: a.awardedCents,
        disbursedCents: a.disbursedCents,
        decidedAt: (a.awardedAt ?? a.rejectedAt) as string,
      }))
      .sort((a, b) => compareKeys([a.decidedAt, a.applicationId], [b.decidedAt, b.applicationId])),
  keyOf: (a) => [a.decidedAt, a.applicationId],
};
