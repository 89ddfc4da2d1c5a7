import { createHmac } from 'node:crypto';
import { commandExamples, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, sendStory, startApi } from '../support/api-harness';

/** Employees' identifiers reach analysts only as per-tenant pseudonyms (API.md: never in clear). */
describe("staffRef in analysts' answers", () => {
  let api: ApiHarness;
  const acknowledgedBy = commandExamples.AcknowledgeRequest.staffRef as string; // koord.schulte
  const contactPerson = commandExamples.AssignContactPerson.staffRef as string; // bauord/m.yilmaz
  const PSEUDONYM = /^staff-[A-Za-z0-9_-]{22}$/;

  beforeAll(async () => {
    api = await startApi();
    await sendStory(api, 'musterstadt');
    await sendStory(api, 'nachbarort');
    await api.project();
  });
  afterAll(() => api.close());

  const analyst = (path: string, tenant = 'musterstadt', headers: Record<string, string> = {}) =>
    api.get(path, tenant, ['analyst'], headers);
  const expectNoClearStaffRef = (text: string) => {
    for (const ref of [acknowledgedBy, contactPerson]) expect(text).not.toContain(ref);
  };

  it('gives pseudonyms in the case list (JSON and CSV) and in the case, the same for the same person in every answer', async () => {
    const list = await analyst('/v1/cases');
    const one = await analyst(`/v1/cases/${exampleIds.case}`);
    const csv = await analyst('/v1/cases', 'musterstadt', { accept: 'text/csv' });
    expect([list.status, one.status, csv.status]).toEqual([200, 200, 200]);
    for (const text of [JSON.stringify(list.body), JSON.stringify(one.body), String(csv.body)])
      expectNoClearStaffRef(text);

    const listed = list.body.data.items.find((item: { caseId: string }) => item.caseId === exampleIds.case);
    expect(listed.acknowledgedBy.staffRef).toMatch(PSEUDONYM);
    expect(listed.contactPerson.staffRef).toMatch(PSEUDONYM);
    expect(listed.acknowledgedBy.staffRef).not.toBe(listed.contactPerson.staffRef);
    expect(one.body.data.acknowledgedBy).toEqual(listed.acknowledgedBy);
    expect(one.body.data.contactPerson).toEqual(listed.contactPerson);
    expect((await analyst(`/v1/cases/${exampleIds.case}`)).body.data.contactPerson.staffRef).toBe(
      listed.contactPerson.staffRef,
    );
  });

  it("keys them per tenant with the installation's secret, kept in PostgreSQL: stable across processes, different between municipalities", async () => {
    const here = (await analyst(`/v1/cases/${exampleIds.case}`)).body.data.contactPerson.staffRef;
    const there = (await analyst(`/v1/cases/${exampleIds.case}`, 'nachbarort')).body.data.contactPerson.staffRef;
    expect(there).toMatch(PSEUDONYM);
    expect(there).not.toBe(here);
    const { rows } = await api.db.pool.query<{ secret: Buffer }>(
      `SELECT secret FROM kp_installation_secrets WHERE name = 'staff-pseudonyms'`,
    );
    const tenantKey = createHmac('sha256', rows[0].secret)
      .update('koproduktiv staffRef pseudonyms\u0000musterstadt')
      .digest();
    expect(here).toBe(
      `staff-${createHmac('sha256', tenantKey).update(contactPerson).digest('base64url').slice(0, 22)}`,
    );
  });

  it("shows no staffRef in clear in any other analysts' answer either", async () => {
    for (const path of [
      `/v1/cases/${exampleIds.case}/metrics`,
      `/v1/initiatives/${exampleIds.initiative}/metrics`,
      '/v1/metrics/summary',
      '/v1/metrics/timeseries?from=2026-01&to=2026-06',
    ]) {
      const response = await analyst(path);
      expect(response.status).toBe(200);
      expectNoClearStaffRef(JSON.stringify(response.body));
    }
  });
});
