import { createServer } from 'node:net';
import { Client } from 'pg';
import { EmbeddedPostgresError } from '../database/postgres-as-root';
import { AppConfig, ConfigError } from './app-config';

/**
 * What only trying tells, tried before anything is started: the HTTP port can be bound on HOST,
 * and DATABASE_URL (when set) answers. Throws a ConfigError naming the setting and the problem.
 */
export async function preflight(config: AppConfig, { port = config.PORT }: { port?: number } = {}): Promise<void> {
  const problems = [
    await listenProblem(port, config.HOST),
    config.DATABASE_URL ? await databaseProblem(config.DATABASE_URL) : undefined,
  ].filter((problem): problem is string => Boolean(problem));
  if (problems.length) throw new ConfigError(problems);
}

function listenProblem(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'EADDRINUSE'
          ? `PORT=${port}: already in use on ${host} (another process listens there; choose another PORT)`
          : `HOST=${JSON.stringify(host)}, PORT=${port}: cannot listen there (${error.code ?? error.message})`,
      ),
    );
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

async function databaseProblem(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return `DATABASE_URL=${redactUrl(url)}: cannot connect (${message || code}${code && !message.includes(code) ? `, ${code}` : ''})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A connection string fit for messages and logs: the password replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * For a process's entry point: a configuration problem or an embedded PostgreSQL that cannot run
 * is told in words (exit code 2 and 1), anything else with its stack (a defect; exit code 1).
 */
export function exitOnStartupError(what: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof EmbeddedPostgresError) {
      process.stderr.write(`${what} cannot start: ${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${what} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  };
}
