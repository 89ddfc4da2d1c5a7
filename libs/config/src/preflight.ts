import { connect, createServer } from 'node:net';
import { Client } from 'pg';
import { EmbeddedPostgresError } from '@koproduktiv/platform';
import { AppConfig } from './app-config';
import { ConfigError } from './config-error';

/**
 * What only trying tells, tried before anything is started: the HTTP port can be bound on HOST,
 * DATABASE_URL (when set) answers, KurrentDB (when it is the store) accepts connections, and
 * JWT_JWKS_URL (when set) serves a key set. Throws a ConfigError naming the setting and the problem.
 */
export async function preflight(config: AppConfig, { port = config.PORT }: { port?: number } = {}): Promise<void> {
  const problems = (
    await Promise.all([
      listenProblem(port, config.HOST),
      config.DATABASE_URL ? databaseProblem(config.DATABASE_URL) : undefined,
      config.EVENT_STORE === 'kurrentdb' && config.KURRENTDB_URL ? kurrentdbProblem(config.KURRENTDB_URL) : undefined,
      config.JWT_JWKS_URL ? jwksProblem(config.JWT_JWKS_URL) : undefined,
    ])
  ).filter((problem): problem is string => Boolean(problem));
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

/**
 * KurrentDB is reached over gRPC; whether its client could talk to a node shows only on the first
 * call, after the service has started. A TCP connection to any of the connection string's nodes is
 * what can be tried before. With DNS discovery (kurrentdb+discover) the nodes are not known yet.
 */
async function kurrentdbProblem(url: string): Promise<string | undefined> {
  const parsed = /^(kurrentdb|esdb)(\+discover)?:\/\/(?:[^@/]*@)?([^/?]+)/.exec(url);
  if (!parsed || parsed[2]) return undefined;
  const nodes = parsed[3].split(',').map((node) => {
    const [host, port] = node.split(':');
    return { host, port: Number(port ?? 2113) };
  });
  const failures = await Promise.all(nodes.map(({ host, port }) => tcpProblem(host, port)));
  if (failures.some((failure) => failure === undefined)) return undefined;
  return `KURRENTDB_URL=${redactUrl(url)}: cannot connect to ${nodes.map(({ host, port }, i) => `${host}:${port} (${failures[i]})`).join(', ')}`;
}

function tcpProblem(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('no answer within 5 s');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** The verifier fetches the key set lazily, so a wrong URL would otherwise show as 401s to every client. */
async function jwksProblem(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
    if (!response.ok) return `JWT_JWKS_URL=${url}: answers HTTP ${response.status}, not a key set`;
    const body = (await response.json().catch(() => undefined)) as { keys?: unknown } | undefined;
    if (!Array.isArray(body?.keys))
      return `JWT_JWKS_URL=${url}: the answer is not a JSON Web Key Set (no "keys" array)`;
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return `JWT_JWKS_URL=${url}: cannot fetch the key set (${cause ?? (error as Error).message})`;
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
