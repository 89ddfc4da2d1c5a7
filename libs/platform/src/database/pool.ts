import { DatabaseError, Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { poolTypes } from './timestamptz';

export interface PoolOptions {
  readonly connectionString: string;
  readonly max?: number;
  readonly applicationName?: string;
  readonly onError?: (error: Error) => void;
}

/** SQLSTATE classes after which a connection is not to be trusted: connection exception, insufficient resources, operator intervention, internal error. */
const CONNECTION_SUSPECT_CLASSES = new Set(['08', '53', '57', 'XX']);

/**
 * The server refused a statement (a constraint, a raised conflict, bad input) and the connection
 * is as good as before: the statement was rolled back and the server is ready for the next one.
 */
export function refusedByServer(error: unknown): boolean {
  return (
    error instanceof DatabaseError &&
    typeof error.code === 'string' &&
    !CONNECTION_SUSPECT_CLASSES.has(error.code.slice(0, 2))
  );
}

/**
 * pg-pool's `query` closes the connection after any error, so every refused statement (a version
 * conflict, a duplicate key) cost the next query a new connection and its SCRAM handshake, about
 * 20 ms. Here a connection goes back to the pool after a statement the server refused, and is
 * closed only after anything else.
 */
class StatementErrorTolerantPool extends Pool {
  override query(...args: unknown[]): never {
    const [config, values, callback] = args;
    if (
      typeof values === 'function' ||
      typeof callback === 'function' ||
      typeof (config as { submit?: unknown }).submit === 'function'
    ) {
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    return this.queryKeepingConnection(config as string | QueryConfig, values as unknown[] | undefined) as never;
  }

  private async queryKeepingConnection<R extends QueryResultRow>(
    config: string | QueryConfig,
    values?: unknown[],
  ): Promise<QueryResult<R>> {
    const client: PoolClient = await this.connect();
    // A connection that breaks while checked out emits 'error'; without a listener that would crash the process.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      const result = await client.query<R>(config, values);
      client.removeListener('error', onError);
      client.release(broken);
      return result;
    } catch (error) {
      client.removeListener('error', onError);
      client.release(broken ?? (refusedByServer(error) ? undefined : (error as Error)));
      throw error;
    }
  }
}

/**
 * A pg pool that survives a server restart (idle clients that break are reported, not thrown) and
 * keeps its connections when the server refuses a statement.
 */
export function createPool({
  connectionString,
  max = 20,
  applicationName = 'koproduktiv',
  onError,
}: PoolOptions): Pool {
  const pool = new StatementErrorTolerantPool({
    connectionString,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: 5000,
    types: poolTypes,
  });
  pool.on('error', (error) => onError?.(error));
  return pool;
}
