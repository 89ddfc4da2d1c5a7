import { Pool } from 'pg';
import { poolTypes } from './timestamptz';

export interface PoolOptions {
  readonly connectionString: string;
  readonly max?: number;
  readonly applicationName?: string;
  readonly onError?: (error: Error) => void;
}

/** A pg pool that survives a server restart: idle clients that break are reported, not thrown. */
export function createPool({ connectionString, max = 20, applicationName = 'koproduktiv', onError }: PoolOptions): Pool {
  const pool = new Pool({ connectionString, max, application_name: applicationName, connectionTimeoutMillis: 5000, types: poolTypes });
  pool.on('error', (error) => onError?.(error));
  return pool;
}
