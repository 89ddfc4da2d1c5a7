/**
 * What idle TCP connections do to /health/ready: the service as `npm start` runs it (embedded
 * PostgreSQL, projector in-process) in a process of its own, probed the way an orchestrator probes
 * it, a new connection per probe: first alone, then while this process holds 10 000 connections
 * that never send a byte, then while it also opens a new one for each the server closes.
 *
 * Usage: npm run bench:idle-connections -- [--idle 10000] [--probes 500] [--max-connections 4096,12000]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { connect, Socket } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './support/median';

const MAIN = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');

interface Probes {
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly failed: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      idle: { type: 'string', default: '10000' },
      probes: { type: 'string', default: '500' },
      'max-connections': { type: 'string', default: '4096,12000' },
    },
  });
  const idle = Number(values.idle);
  const probes = Number(values.probes);
  const caps = String(values['max-connections']).split(',').map(Number);
  console.log(
    `node ${process.version}, ${cpus().length} CPUs; ${idle} idle connections, ${probes} probes of /health/ready per row, each on a new connection`,
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'kp-bench-idle-'));
  try {
    for (const cap of caps) {
      const api = await startApi(dataDir, cap);
      try {
        await probe(api.port, 50); // warm-up
        const alone = await probe(api.port, probes);
        console.log(row(`HTTP_MAX_CONNECTIONS=${cap}, no idle connections`, alone));
        for (const reopen of [false, true]) {
          const flood = await holdIdle(api.port, idle, reopen);
          const loaded = await probe(api.port, probes);
          const held = flood.open();
          flood.stop();
          const how = reopen
            ? `a new one for each closed: ${flood.reopened()} reopened`
            : `${flood.closed()} closed by the server`;
          console.log(
            row(`HTTP_MAX_CONNECTIONS=${cap}, ${idle} idle connections (${how}; ${held} open at the end)`, loaded),
          );
          await new Promise((resolve) => setTimeout(resolve, 2000)); // the server notices the closed sockets
        }
        console.log(`  the API logged "connection cap reached" ${api.capLines()} times (at most one line per 10 s)`);
      } finally {
        await api.stop();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const row = (what: string, p: Probes) =>
  `${what}: median ${p.medianMs.toFixed(2)} ms, p99 ${p.p99Ms.toFixed(2)} ms, max ${p.maxMs.toFixed(1)} ms, failed ${p.failed}`;

/** `count` probes one after the other, each on a connection of its own (no keep-alive), as a kubelet probes. */
async function probe(port: number, count: number): Promise<Probes> {
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const status = await new Promise<number>((resolve) => {
      const request = get(
        { host: '127.0.0.1', port, path: '/health/ready', agent: false, timeout: 10_000 },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve(0));
    });
    if (status === 200) times.push(performance.now() - started);
    else failed += 1;
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: median(times),
    p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? NaN,
    maxMs: times.at(-1) ?? NaN,
    failed,
  };
}

/** Opens `count` connections that send nothing; with `reopen`, a new one whenever the server closes one. */
async function holdIdle(port: number, count: number, reopen: boolean) {
  const sockets = new Set<Socket>();
  let stopped = false;
  let reopened = 0;
  let closed = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve());
      sockets.add(socket);
      socket.resume();
      socket.on('error', () => resolve());
      socket.on('close', () => {
        sockets.delete(socket);
        if (stopped) return;
        closed += 1;
        if (!reopen) return;
        reopened += 1;
        setTimeout(() => void open(), 10);
      });
    });
  for (let i = 0; i < count; i += 500) await Promise.all(Array.from({ length: Math.min(500, count - i) }, open));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return {
    open: () => [...sockets].filter((socket) => !socket.destroyed && !socket.readableEnded).length,
    reopened: () => reopened,
    closed: () => closed,
    stop: () => {
      stopped = true;
      for (const socket of sockets) socket.destroy();
    },
  };
}

async function startApi(dataDir: string, maxConnections: number) {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      HTTP_MAX_CONNECTIONS: String(maxConnections),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /Koproduktiv API\s+http:\/\/[^:]+:(\d+)\/docs/.exec(output);
      if (match) resolve(Number(match[1]));
      else if (child.exitCode !== null) reject(new Error(`the API exited:\n${output}`));
      else return;
      clearInterval(poll);
    }, 50);
  });
  return {
    port,
    capLines: () => output.split('\n').filter((line) => line.includes('connection cap reached')).length,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
