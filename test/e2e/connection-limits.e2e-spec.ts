import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { connect, Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { migrate, PostgresEventStore } from '@koproduktiv/event-store';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureIdempotencyTable,
  PostgresIdempotencyStore,
  TokenVerifier,
} from '@koproduktiv/platform';
import { openTestPersonalData } from '../support/personal-data';
import { createApp } from '../../apps/api/src/create-app';
import { createTestDatabase, TestDatabase } from '../support/postgres';
import { waitFor } from '../support/wait-for';

const MAX_CONNECTIONS = 64;
const HEADERS_TIMEOUT_MS = 1500;

/** Clients that open connections and send nothing, or their headers a byte at a time. */
describe('HTTP connection limits', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let port: number;
  const logLines: { msg: string; maxConnections?: number; closedConnections?: number }[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('kp_conn');
    await migrate(db.pool);
    await ensureIdempotencyTable(db.pool);
    const logs = new Writable({ write: (chunk, _, done) => done(void logLines.push(JSON.parse(String(chunk)))) });
    app = await createApp(
      {
        store: new PostgresEventStore(db.pool),
        idempotency: new PostgresIdempotencyStore(db.pool),
        personalData: await openTestPersonalData(db.pool),
        verifier: new TokenVerifier({
          secret: new Uint8Array(randomBytes(32)),
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
        }),
        ready: async () => void (await db.pool.query('SELECT 1')),
        pool: db.pool,
      },
      {
        logger: pino({ level: 'warn' }, logs),
        bodyLimitBytes: 65536,
        http: {
          HTTP_MAX_CONNECTIONS: MAX_CONNECTIONS,
          HTTP_HEADERS_TIMEOUT_MS: HEADERS_TIMEOUT_MS,
          HTTP_REQUEST_TIMEOUT_MS: 4000,
        },
      },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.getHttpServer().address() as { port: number }).port;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const open = async (count: number): Promise<Socket[]> => {
    const opened = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => resolve(socket));
            socket.on('error', () => undefined); // closed by the server: expected here
            socket.resume(); // reads what the server sends (a 408) and so sees it close
          }),
      ),
    );
    sockets.push(...opened);
    return opened;
  };
  const stillOpen = (of: Socket[]) => of.filter((socket) => !socket.destroyed && !socket.readableEnded).length;
  const closed = (socket: Socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));

  it('keeps /health/ready answering while idle connections far beyond the cap are opened, and says that the cap was hit', async () => {
    const idle = await open(MAX_CONNECTIONS * 5);
    for (let i = 0; i < 10; i++) {
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      await ready.body?.cancel();
    }
    await waitFor(
      () => stillOpen(idle) <= MAX_CONNECTIONS,
      5000,
      () => `${stillOpen(idle)} still open`,
    );
    const capLines = logLines.filter((line) => /connection cap reached/.test(line.msg));
    expect(capLines.length).toBeGreaterThanOrEqual(1);
    expect(capLines[0]).toMatchObject({ maxConnections: MAX_CONNECTIONS, closedConnections: expect.any(Number) });
  });

  it('lets a request in flight finish while idle connections are closed to make room', async () => {
    const [slow] = await open(1);
    let answer = '';
    slow.on('data', (chunk) => (answer += chunk));
    slow.resume();
    slow.write(
      'POST /v1/commands/RegisterUnit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await open(MAX_CONNECTIONS * 2);
    slow.write('}');
    await waitFor(
      () => answer.includes('\r\n\r\n'),
      5000,
      () => answer,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
  });

  it('closes a connection that sends nothing once the headers timeout has passed', async () => {
    const [silent] = await open(1);
    const started = Date.now();
    await closed(silent);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    expect(Date.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS + 2000);
  });

  it('closes a connection that sends its headers a byte at a time (slowloris) once the headers timeout has passed', async () => {
    const [dripping] = await open(1);
    const header = 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Padding: ' + 'a'.repeat(1000);
    let sent = 0;
    const drip = setInterval(() => dripping.writable && dripping.write(header[sent++ % header.length]), 50);
    const started = Date.now();
    await closed(dripping);
    clearInterval(drip);
    expect(Date.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS + 2000);
  });
});
