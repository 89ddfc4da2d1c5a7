/**
 * wrk (C, like pgbench) as the benchmarks' HTTP load generator: it costs far less of the CPUs the API
 * and PostgreSQL share than a JavaScript generator does. A benchmark writes a Lua script that defines
 * `init` and `request`; `WRK_RESULT_LUA` adds the counting of successes per wall-clock second and the
 * report that `runWrk` reads back.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** wrk's version line, or undefined when it is not on PATH. */
export async function wrkVersion(): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await run('wrk', ['--version']).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }));
    return /^wrk .*/m.exec(`${stdout}${stderr}`)?.[0]?.replace(/ Copyright.*/, '');
  } catch {
    return undefined;
  }
}

/** A Lua string literal. */
export const lua = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** A Lua table of string literals, one per line. */
export const luaStrings = (texts: readonly string[]) => `{ ${texts.map(lua).join(',\n  ')} }`;

/**
 * setup/response/done for any wrk script: `setup` numbers the threads (`partition` is 1..threads in
 * each), `response` counts 2xx answers per second and keeps the first failure, `done` prints one
 * WRK_RESULT line of JSON. Scripts must not define these three.
 */
export const WRK_RESULT_LUA = `
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("partition", counter)
  table.insert(threads, thread)
end

counts = {}

function response(status, headers, body)
  if status >= 200 and status < 300 then
    local second = os.time()
    counts[second] = (counts[second] or 0) + 1
  elseif failure == nil then
    failure = status .. " " .. body
  end
end

function done(summary, latency, requests)
  local perSecond = {}
  local firstFailure = ""
  for _, thread in ipairs(threads) do
    for second, count in pairs(thread:get("counts")) do perSecond[second] = (perSecond[second] or 0) + count end
    local failed = thread:get("failure")
    if failed and firstFailure == "" then firstFailure = failed end
  end
  local seconds = {}
  for second in pairs(perSecond) do table.insert(seconds, second) end
  table.sort(seconds)
  local counts = {}
  -- The first and last seconds are partial.
  for i = 2, #seconds - 1 do table.insert(counts, perSecond[seconds[i]]) end
  io.write(string.format('WRK_RESULT {"requests":%d,"durationUs":%d,"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeouts":%d,' ..
    '"p50":%d,"p97_5":%d,"p99":%d,"mean":%f,"max":%d,"perSecond":[%s],"firstFailure":%q}\\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, latency:percentile(50), latency:percentile(97.5), latency:percentile(99), latency.mean, latency.max,
    table.concat(counts, ","), firstFailure))
end
`;

export interface WrkRun {
  readonly baseUrl: string;
  readonly connections: number;
  readonly threads: number;
  readonly seconds: number;
}

/** What wrk reported: latencies in microseconds, the per-second success counts without the partial first and last second. */
export interface WrkFigures {
  requests: number;
  durationUs: number;
  non2xx: number;
  connect: number;
  read: number;
  write: number;
  timeouts: number;
  p50: number;
  p97_5: number;
  p99: number;
  mean: number;
  max: number;
  perSecond: number[];
  firstFailure: string;
}

export async function runWrk(
  scriptFile: string,
  { baseUrl, connections, threads, seconds }: WrkRun,
): Promise<WrkFigures> {
  const args = [
    '-t',
    String(threads),
    '-c',
    String(connections),
    '-d',
    `${seconds}s`,
    '--timeout',
    '30s',
    '-s',
    scriptFile,
    baseUrl,
  ];
  const { stdout } = await run('wrk', args, { maxBuffer: 16 * 1024 * 1024 });
  const line = /^WRK_RESULT (.*)$/m.exec(stdout)?.[1];
  if (!line) throw new Error(`Unexpected wrk output:\n${stdout}`);
  // %q quotes for Lua; the failure text is rare and short, so only its escaped newlines need undoing.
  return JSON.parse(line.replace(/\\\n/g, '\\n')) as WrkFigures;
}

/** Microseconds as milliseconds with one decimal. */
const ms = (us: number) => Math.round(us / 100) / 10;

/** The latency percentiles in milliseconds. */
export const wrkLatencyMs = (f: WrkFigures) => ({
  p50: ms(f.p50),
  p97_5: ms(f.p97_5),
  p99: ms(f.p99),
  mean: ms(f.mean),
  max: ms(f.max),
});

/** Connect, read and write errors together (wrk counts timeouts and non-2xx apart). */
export const wrkErrors = (figures: WrkFigures) => figures.connect + figures.read + figures.write;

/** The first non-2xx answer wrk saw, split into status and body. */
export function wrkFirstFailure(figures: WrkFigures): { status: number; body: string } | undefined {
  if (!figures.firstFailure) return undefined;
  const [status, ...body] = figures.firstFailure.split(' ');
  return { status: Number(status), body: body.join(' ') };
}
