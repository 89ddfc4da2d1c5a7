import { CliError } from './cli-error';

/**
 * The CLI's answer when the embedded PostgreSQL of DATA_DIR does not start - most often because
 * the service (`npm start`) is running on the same DATA_DIR and holds the cluster. Exit code 1.
 */
export function embeddedPostgresUnavailable(error: unknown): CliError {
  return new CliError(
    `${error instanceof Error ? error.message : String(error)}\n` +
      'While the service runs on this DATA_DIR, stop it first or point DATABASE_URL at its PostgreSQL instead.',
    1,
  );
}
