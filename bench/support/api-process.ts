/**
 * The API as a service runs it: `node dist/apps/api/src/main.js` in a process of its own, on an
 * existing PostgreSQL, without the projector (production runs apps/projector apart; the read models
 * are caught up). Its heap holds what a service's holds, not a benchmark's generator and rebuilds,
 * whose long-lived objects teach V8 to allocate at sites the API shares straight into the old
 * generation.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ApiProcess {
  readonly baseUrl: string;
  /** The API's Prometheus figures (samples without labels), e.g. koproduktiv_case_history_cache_hits_total. */
  scrape(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

export interface ApiProcessOptions {
  readonly databaseUrl: string;
  /** Where the API finds (or makes) its development token secret, jwt.secret. */
  readonly dataDir: string;
  readonly caseHistoryCacheMb: number;
  /** Node options of the API's process, e.g. --cpu-prof. */
  readonly execArgv?: readonly string[];
}

const MAIN = join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js');
const LISTENING = /Koproduktiv API\s+(http:\/\/[^/\s]+)\/docs/;

export function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const child = spawn(process.execPath, [...(options.execArgv ?? []), MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: options.dataDir,
      CASE_HISTORY_CACHE_MB: String(options.caseHistoryCacheMb),
      RUN_PROJECTOR: 'false',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (!match) return;
      child.stdout.off('data', onOutput);
      const baseUrl = match[1].replace('localhost', '127.0.0.1');
      resolve({ baseUrl, scrape: () => scrape(baseUrl), stop });
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`the API exited (${code}) before listening:\n${output}`)));
  });
}

async function scrape(baseUrl: string): Promise<Map<string, number>> {
  const response = await fetch(`${baseUrl}/metrics`);
  const figures = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*) (\S+)$/i.exec(line);
    if (match) figures.set(match[1], Number(match[2]));
  }
  return figures;
}
