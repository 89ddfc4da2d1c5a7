import { CliError } from './cli-error';

/**
 * The CLI's answer when the embedded PostgreSQL of DATA_DIR cannot be used. A server the running
 * service holds is used as it is (the CLI attaches to it), so this is about anything else. Exit code 1.
 */
export function embeddedPostgresUnavailable(error: unknown): CliError {
  return new CliError(
    `The embedded PostgreSQL of DATA_DIR cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    1,
  );
}

/**
 * What starting the embedded PostgreSQL has to tell (waiting for another process's start, a server
 * an earlier run left behind stopped, an unfinished cluster made anew), on stderr: stdout carries
 * the command's answer, which scripts read.
 */
export const embeddedStartNotice = (message: string): void => void process.stderr.write(`${message}\n`);
