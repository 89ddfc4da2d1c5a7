import { FundStatement, StatementSpan, withinSpan } from '@koproduktiv/metrics';

/** The default budget of the fund statements kept per process, in statement rows (the fund's and each application's). */
export const DEFAULT_FUND_STATEMENT_CACHE_ROWS = 50_000;

/** Statements of one fund at one read-model position: for the spans of T asked about most recently. */
interface Version {
  readonly statements: { readonly span: StatementSpan; readonly statement: FundStatement }[];
  rows: number;
}

/** How many spans of T one version keeps (e.g. "now" and a few fixed dates asked for side by side). */
const SPANS_PER_VERSION = 4;

/**
 * The fund statements computed most recently in this process, within a budget of rows. A statement
 * is a pure function of the fund's entries up to a read-model position and of T, and stays the same
 * over a span of T (statementSpan): computed once, it answers every page of the applications, the
 * fund's figures and the statement itself until the fund's read model moves or T leaves the span.
 * A newer position is another version: an older one is asked for only by a client paging through a
 * statement pinned to it, and leaves with the least recently used.
 */
export class FundStatementCache {
  private readonly versions = new Map<string, Version>();
  private used = 0;
  private hitCount = 0;
  private missCount = 0;

  constructor(readonly maxRows: number = DEFAULT_FUND_STATEMENT_CACHE_ROWS) {}

  /** The statement as of `asOfMs` if one of its span is kept (with asOf set to `asOfMs`); counts a hit or a miss. */
  get(tenant: string, fundId: string, version: string, asOfMs: number): FundStatement | undefined {
    const key = keyOf(tenant, fundId, version);
    const kept = this.versions.get(key);
    const found = kept?.statements.find(({ span }) => withinSpan(span, asOfMs));
    if (!kept || !found) {
      this.missCount++;
      return undefined;
    }
    this.hitCount++;
    this.versions.delete(key);
    this.versions.set(key, kept);
    const asOf = new Date(asOfMs).toISOString();
    return found.statement.asOf === asOf ? found.statement : { ...found.statement, asOf };
  }

  /** Keeps the statement, making room by dropping the least recently used versions. */
  set(tenant: string, fundId: string, version: string, span: StatementSpan, statement: FundStatement): void {
    const rows = statement.applications.length + 1;
    if (rows > this.maxRows) return;
    const key = keyOf(tenant, fundId, version);
    const kept = this.versions.get(key) ?? { statements: [], rows: 0 };
    this.versions.delete(key);
    kept.statements.unshift({ span, statement });
    kept.rows += rows;
    this.used += rows;
    while (kept.statements.length > SPANS_PER_VERSION) {
      const dropped = kept.statements.pop() as { statement: FundStatement };
      kept.rows -= dropped.statement.applications.length + 1;
      this.used -= dropped.statement.applications.length + 1;
    }
    this.versions.set(key, kept);
    for (const [oldestKey, oldest] of this.versions) {
      if (this.used <= this.maxRows) break;
      this.versions.delete(oldestKey);
      this.used -= oldest.rows;
    }
  }

  stats() {
    return {
      versions: this.versions.size,
      rows: this.used,
      maxRows: this.maxRows,
      hits: this.hitCount,
      misses: this.missCount,
    };
  }
}

const keyOf = (tenant: string, fundId: string, version: string) => `${tenant}\u0000${fundId}\u0000${version}`;
