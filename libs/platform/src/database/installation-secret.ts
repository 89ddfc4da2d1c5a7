import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

/**
 * A random secret of this installation, made on first use and kept in PostgreSQL, so that every
 * process of the installation (API replicas, CLI) uses the same one without configuration.
 */
export async function installationSecret(pool: Pool, name: string): Promise<Buffer> {
  await pool
    .query(
      'CREATE TABLE IF NOT EXISTS kp_installation_secrets (name text PRIMARY KEY, secret bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
    )
    .catch(async (error: { code?: string }) => {
      // Two processes creating the table at once: the loser sees the winner's type (unique_violation).
      if (error.code !== '23505') throw error;
    });
  const { rows } = await pool.query<{ secret: Buffer }>(
    `WITH ins AS (INSERT INTO kp_installation_secrets (name, secret) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING secret)
     SELECT secret FROM ins UNION ALL SELECT secret FROM kp_installation_secrets WHERE name = $1 AND NOT EXISTS (SELECT 1 FROM ins)`,
    [name, randomBytes(32)],
  );
  if (!rows[0]) return installationSecret(pool, name);
  return rows[0].secret;
}
