import { FundStatement, StatementSpan, withinSpan } from '@koproduktiv/metrics';
import { inFlight } from '../in-flight';

/** The default budget of the fund statements kept per process, in statement rows (the fund's and each application's). */
export const DEFAULT_FUND_STATEMENT_CACHE_ROWS = 50_000;

/** Statements of one fund at one read-model position: for the spans of T asked about most recently. */
interface Version {
  readonly statements: { readonly span: StatementSpan; readonly statement: FundStatement }[];
  rows: number;
}

/** A statement and the span of T it holds for, as computed. */
export interface SpannedStatement {
  readonly span: StatementSpan;
  readonly statement: FundStatement;
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
  /** The computation under way per version: questions arriving meanwhile wait for it rather than compute too. */
  private readonly pending = new Map<string, Promise<SpannedStatement>>();
  private used = 0;
  private hitCount = 0;
  private missCount = 0;

  constructor(readonly maxRows: number = DEFAULT_FUND_STATEMENT_CACHE_ROWS) {}

  /** The statement as of `asOfMs` if one of its span is kept (with asOf set to `asOfMs`); counts a hit or a miss. */
  get(tenant: string, fundId: string, version: string, asOfMs: number): FundStatement | undefined {
    const found = this.lookUp(keyOf(tenant, fundId, version), asOfMs);
    this.count(found !== undefined);
    return found;
  }

  private lookUp(key: string, asOfMs: number): FundStatement | undefined {
    const kept = this.versions.get(key);
    const found = kept?.statements.find(({ span }) => withinSpan(span, asOfMs));
    if (!kept || !found) return undefined;
    this.versions.delete(key);
    this.versions.set(key, kept);
    return withAsOf(found.statement, asOfMs);
  }

  private count(hit: boolean): void {
    if (hit) this.hitCount++;
    else this.missCount++;
  }

  /**
   * The statement as of `asOfMs`: kept, or the one being computed for the same version if its span
   * holds `asOfMs`, or else computed by `compute` (and kept); a hit unless computed. A failed
   * computation is not kept, and whoever waited for it computes anew.
   */
  async through(
    tenant: string,
    fundId: string,
    version: string,
    asOfMs: number,
    compute: () => Promise<SpannedStatement>,
  ): Promise<FundStatement> {
    const key = keyOf(tenant, fundId, version);
    const kept = this.lookUp(key, asOfMs);
    const underway = kept ? undefined : this.pending.get(key);
    const joined = underway && (await underway.catch(() => undefined));
    const found = kept ?? (joined && withinSpan(joined.span, asOfMs) ? withAsOf(joined.statement, asOfMs) : undefined);
    this.count(found !== undefined);
    if (found) return found;
    const computation = inFlight(compute());
    this.pending.set(key, computation);
    try {
      const { span, statement } = await computation;
      this.set(tenant, fundId, version, span, statement);
      return withAsOf(statement, asOfMs);
    } finally {
      if (this.pending.get(key) === computation) this.pending.delete(key);
    }
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

const withAsOf = (statement: FundStatement, asOfMs: number): FundStatement => {
  const asOf = new Date(asOfMs).toISOString();
  return statement.asOf === asOf ? statement : { ...statement, asOf };
};

const keyOf = (tenant: string, fundId: string, version: string) => `${tenant}\u0000${fundId}\u0000${version}`;
