/**
 * The librdkafka mock cluster as a child process (infra/kafka-mock/kafka-mock.c, built with gcc
 * against Debian's librdkafka-dev and cached under node_modules/.cache). Used by the Kafka test
 * helper (test/support/kafka.ts) and by the relay benchmark.
 */
import { spawn, spawnSync, ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root, from source (bench/support) or built (dist/bench/support) alike. */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'infra', 'kafka-mock', 'kafka-mock.c'))) return dir;
  }
  return join(__dirname, '..', '..');
}

const ROOT = repositoryRoot();
const MOCK_SOURCE = join(ROOT, 'infra', 'kafka-mock', 'kafka-mock.c');

export interface MockTopic {
  readonly name: string;
  readonly partitions: number;
}

/** Builds the fixture once per source version; concurrent test workers race harmlessly (atomic rename). */
export function buildMockBroker(): { binary: string } | { reason: string } {
  if (!existsSync(MOCK_SOURCE)) return { reason: `${MOCK_SOURCE} is missing` };
  const digest = createHash('sha256').update(readFileSync(MOCK_SOURCE)).digest('hex').slice(0, 16);
  const cacheRoots = [
    join(ROOT, 'node_modules', '.cache', 'koproduktiv-kafka-mock'),
    join(tmpdir(), 'koproduktiv-kafka-mock'),
  ];
  for (const root of cacheRoots) {
    const binary = join(root, `kafka-mock-${digest}`);
    if (existsSync(binary)) return { binary };
  }
  let lastError = '';
  for (const root of cacheRoots) {
    try {
      mkdirSync(root, { recursive: true });
    } catch (error) {
      lastError = String(error);
      continue;
    }
    const binary = join(root, `kafka-mock-${digest}`);
    const partial = `${binary}.${process.pid}.tmp`;
    const cc = process.env.CC ?? 'gcc';
    const result = spawnSync(cc, ['-O2', '-o', partial, MOCK_SOURCE, '-lrdkafka'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.error)
      return {
        reason: `cannot build the librdkafka mock broker: ${cc} not found (${result.error.message}); install gcc and librdkafka-dev, or set KAFKA_BROKERS`,
      };
    if (result.status !== 0) {
      const why = /rdkafka(_mock)?\.h|lrdkafka/.test(result.stderr)
        ? 'librdkafka-dev is not installed'
        : 'the compiler failed';
      return {
        reason: `cannot build the librdkafka mock broker: ${why} (apt-get install -y librdkafka-dev gcc, or set KAFKA_BROKERS): ${result.stderr.trim().split('\n').slice(0, 3).join(' | ')}`,
      };
    }
    renameSync(partial, binary);
    return { binary };
  }
  return { reason: `no writable cache directory for the mock broker: ${lastError}` };
}

/** The fixture process: prints "BOOTSTRAP …", then answers each stdin command with one line. */
export class MockBroker {
  private readonly lines: string[] = [];
  private readonly waiters: (() => void)[] = [];
  private exited = false;
  private stderr = '';
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly brokers: string[] = [],
  ) {}

  static async start(binary: string, topics: readonly MockTopic[]): Promise<MockBroker> {
    const args = topics.flatMap(({ name, partitions }) => ['--topic', `${name}:${partitions}`]);
    const child = spawn(binary, ['--brokers', '1', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const broker = new MockBroker(child);
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        broker.lines.push(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        broker.waiters.splice(0).forEach((wake) => wake());
      }
    });
    child.stderr
      .setEncoding('utf8')
      .on('data', (chunk: string) => (broker.stderr = (broker.stderr + chunk).slice(-4000)));
    child.on('exit', () => {
      broker.exited = true;
      broker.waiters.splice(0).forEach((wake) => wake());
    });
    child.stdin.on('error', () => undefined);
    const first = await broker.nextLine(10_000);
    if (!first.startsWith('BOOTSTRAP ')) throw new Error(`the mock broker did not start: ${first} ${broker.stderr}`);
    broker.brokers.push(...first.slice('BOOTSTRAP '.length).split(','));
    return broker;
  }

  brokerDown(brokerId = 1) {
    return this.command(`down ${brokerId}`);
  }

  brokerUp(brokerId = 1) {
    return this.command(`up ${brokerId}`);
  }

  failRequests(apiKey: number, count: number, errorCode: number) {
    return this.command(`errors ${apiKey} ${count} ${errorCode}`);
  }

  clearRequestErrors(apiKey: number) {
    return this.command(`clear ${apiKey}`);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  private command(line: string): Promise<void> {
    const run = this.queue.then(async () => {
      this.child.stdin.write(`${line}\n`);
      const answer = await this.nextLine(5000);
      if (answer !== 'OK') throw new Error(`mock broker refused "${line}": ${answer}`);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async nextLine(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.length) {
      if (this.exited) throw new Error(`the mock broker exited: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`the mock broker did not answer within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.lines.shift() as string;
  }
}
