import 'reflect-metadata';
import {
  EventCodec,
  LocalKeyEncryptionKey,
  PostgresAccessLog,
  PostgresDataKeyStore,
  ResealLog,
} from '@koproduktiv/personal-data';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PostgresEventStore } from '@koproduktiv/event-store';
import {
  createLogger,
  createPool,
  DEV_AUDIENCE,
  DEV_ISSUER,
  freePort,
  issueDevToken,
  PostgresIdempotencyStore,
  TokenVerifier,
} from '@koproduktiv/platform';
import { createApp } from '../../apps/api/src/create-app';

function unreachablePersonalData(pool: ReturnType<typeof createPool>) {
  const kek = new LocalKeyEncryptionKey(randomBytes(32));
  const keys = new PostgresDataKeyStore(pool, kek);
  return {
    kek,
    keys,
    codec: new EventCodec(keys),
    accessLog: new PostgresAccessLog(pool),
    reseals: new ResealLog(pool),
  };
}

describe('when the event store cannot be reached', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let token: string;
  let deadPool: ReturnType<typeof createPool>;
  const secret = new Uint8Array(randomBytes(32));

  beforeAll(async () => {
    const port = await freePort(); // nothing listens there
    deadPool = createPool({ connectionString: `postgres://kp:kp@127.0.0.1:${port}/none`, max: 2 });
    app = await createApp(
      {
        store: new PostgresEventStore(deadPool),
        idempotency: new PostgresIdempotencyStore(deadPool),
        personalData: unreachablePersonalData(deadPool),
        verifier: new TokenVerifier({ secret, issuer: DEV_ISSUER, audience: DEV_AUDIENCE }),
        ready: async () => void (await deadPool.query('SELECT 1')),
        pool: deadPool,
      },
      { logger: createLogger('silent'), bodyLimitBytes: 65536 },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    token = await issueDevToken(secret, { tenant: 'musterstadt', roles: ['clerk', 'analyst', 'auditor'] });
  });
  afterAll(async () => {
    await app.close();
    await deadPool.end();
  });

  it('answers a command with 503 STORE.UNAVAILABLE and Retry-After, not 500', async () => {
    const response = await fetch(`${baseUrl}/v1/commands/RegisterUnit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ unitId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a03', name: 'Bauamt', isContactPoint: false }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(((await response.json()) as { code: string }).code).toBe('STORE.UNAVAILABLE');
  });

  const expectUnavailable = async (response: Response) => {
    expect({
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      type: response.headers.get('content-type'),
    }).toEqual({ status: 503, retryAfter: '2', type: expect.stringContaining('application/problem+json') });
    expect(((await response.json()) as { code: string }).code).toBe('STORE.UNAVAILABLE');
  };

  it('answers a command carrying an Idempotency-Key (whose key cannot be claimed) with 503 as well', async () => {
    await expectUnavailable(
      await fetch(`${baseUrl}/v1/commands/RegisterUnit`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': 'unit-bauamt-1',
        },
        body: JSON.stringify({ unitId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a03', name: 'Bauamt', isContactPoint: false }),
      }),
    );
  });

  it.each([
    '/v1/cases',
    '/v1/cases/0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a04',
    '/v1/metrics/summary',
    '/v1/metrics/timeseries?from=2026-01&to=2026-03',
    '/v1/funds/0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a05',
    '/v1/audit/streams/unit-0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a03/events',
    '/v1/audit/export',
  ])('answers GET %s with 503 and Retry-After', async (path) => {
    await expectUnavailable(await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }));
  });

  it("refuses to start a read-model rebuild with 503 rather than accept it and fail behind the caller's back", async () => {
    const operator = await issueDevToken(secret, { tenant: 'musterstadt', roles: ['operator'] });
    await expectUnavailable(
      await fetch(`${baseUrl}/v1/admin/projections/rebuild`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operator}` },
      }),
    );
    const status = await fetch(`${baseUrl}/v1/admin/projections`, { headers: { authorization: `Bearer ${operator}` } });
    expect(((await status.json()) as { rebuild: { state: string } }).rebuild.state).toBe('idle');
  });

  it('reports not ready, while still live', async () => {
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { code: string }).code).toBe('STORE.UNAVAILABLE');
  });
});
