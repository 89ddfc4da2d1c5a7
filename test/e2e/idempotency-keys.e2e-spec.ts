import { randomUUID } from 'node:crypto';
import { ApiHarness, startApi } from '../support/api-harness';

/** Only keys of accepted commands are kept: a refused request's key may be used for the corrected one. */
describe('Idempotency-Key of a refused command, over HTTP', () => {
  let api: ApiHarness;
  const keyRows = async (key: string) =>
    (
      await api.db.pool.query('SELECT key FROM kp_idempotency_keys WHERE tenant = $1 AND key = $2', [
        'musterstadt',
        key,
      ])
    ).rowCount;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('is not kept after a 404, and serves the corrected request, whose key is then kept', async () => {
    const unitId = randomUUID();
    const key = `budget-${randomUUID()}`;
    const refused = await api.command(
      'SetStaffTimeBudget',
      { unitId, period: '2026-05', hours: 40 },
      { headers: { 'idempotency-key': key } },
    );
    expect([refused.status, refused.body.code]).toEqual([404, 'UNIT.NOT_FOUND']);
    expect(await keyRows(key)).toBe(0);

    expect((await api.command('RegisterUnit', { unitId, name: 'Bauamt', isContactPoint: false })).status).toBe(200);
    const corrected = await api.command(
      'SetStaffTimeBudget',
      { unitId, period: '2026-05', hours: 40 },
      { headers: { 'idempotency-key': key } },
    );
    expect(corrected.status).toBe(200);
    expect(await keyRows(key)).toBe(1);
    const retried = await api.command(
      'SetStaffTimeBudget',
      { unitId, period: '2026-05', hours: 40 },
      { headers: { 'idempotency-key': key } },
    );
    expect(retried.body).toEqual(corrected.body);
    const reused = await api.command(
      'SetStaffTimeBudget',
      { unitId, period: '2026-05', hours: 80 },
      { headers: { 'idempotency-key': key } },
    );
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
    expect(await api.store.streamVersion('musterstadt', `unit-${unitId}`)).toBe(2);
  });

  it('is not kept after a 409 (a domain rule) nor after a 412 (If-Match)', async () => {
    const unitId = randomUUID();
    expect((await api.command('RegisterUnit', { unitId, name: 'Bauamt', isContactPoint: false })).status).toBe(200);
    const twice = `register-${randomUUID()}`;
    const duplicate = await api.command(
      'RegisterUnit',
      { unitId, name: 'Bauamt', isContactPoint: false },
      { headers: { 'idempotency-key': twice } },
    );
    expect(duplicate.status).toBe(409);
    const stale = `stale-${randomUUID()}`;
    const conditional = await api.command(
      'SetStaffTimeBudget',
      { unitId, period: '2026-05', hours: 40 },
      { headers: { 'idempotency-key': stale, 'if-match': '"7"' } },
    );
    expect(conditional.status).toBe(412);
    expect([await keyRows(twice), await keyRows(stale)]).toEqual([0, 0]);
    const reusedForAnother = await api.command(
      'SetStaffTimeBudget',
      { unitId, period: '2026-06', hours: 20 },
      { headers: { 'idempotency-key': twice } },
    );
    expect(reusedForAnother.status).toBe(200);
  });

  it('is never claimed by a request that fails validation', async () => {
    const key = `invalid-${randomUUID()}`;
    const invalid = await api.command(
      'SetStaffTimeBudget',
      { unitId: 'not-a-uuid', period: '2026-05', hours: 40 },
      { headers: { 'idempotency-key': key } },
    );
    expect(invalid.status).toBe(400);
    expect(await keyRows(key)).toBe(0);
  });
});
