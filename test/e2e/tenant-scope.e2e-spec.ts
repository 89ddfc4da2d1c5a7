import { randomUUID } from 'node:crypto';
import { ApiHarness, startApi } from '../support/api-harness';

/**
 * What one municipality's analysts learn is their municipality's: answers name the position of its
 * own latest event the read models have applied, not the store-wide position, which would tell them
 * how busy the other municipalities are.
 */
describe("positions in analysts' answers are their tenant's", () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const registerUnit = async (tenant: string): Promise<number> => {
    const response = await api.command(
      'RegisterUnit',
      { unitId: randomUUID(), name: 'Bauamt', isContactPoint: false },
      { tenant },
    );
    expect(response.status).toBe(200);
    return response.body.position;
  };
  const positionSeenBy = async (tenant: string) => {
    const json = await api.get('/v1/cases', tenant, ['analyst']);
    const csv = await api.get('/v1/cases', tenant, ['analyst'], { accept: 'text/csv' });
    expect(csv.headers.get('x-read-model-position')).toBe(String(json.body.position));
    expect(json.headers.get('x-read-model-position')).toBe(String(json.body.position));
    return json.body.position as number;
  };

  it('names the latest event of the own tenant, whatever the others wrote after it, and moves once a new one of its own is applied', async () => {
    const early = await registerUnit('altstadt');
    let busiest = 0;
    for (let i = 0; i < 5; i++) busiest = await registerUnit('neustadt');
    await api.project();

    expect(await positionSeenBy('altstadt')).toBe(early);
    expect(await positionSeenBy('neustadt')).toBe(busiest);
    expect(busiest).toBeGreaterThan(early + 4);

    const next = await registerUnit('altstadt');
    await new Promise((resolve) => setTimeout(resolve, 150)); // past the 100 ms the store position is kept
    expect(await positionSeenBy('altstadt')).toBeLessThan(next); // not applied yet: a client waiting for `next` waits on
    await api.project();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await positionSeenBy('altstadt')).toBe(next);
  });
});
