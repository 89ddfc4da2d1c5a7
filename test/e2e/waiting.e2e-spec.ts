import { randomUUID } from 'node:crypto';
import { commandExamples } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, startApi } from '../support/api-harness';

/**
 * A case that waits for the initiative twice, sent over HTTP with business times and read back as an
 * analyst. Expected numbers worked out by hand from docs/METRICS.md, "Waiting for the initiative"
 * (winter: Berlin = UTC+1).
 */
describe('waiting for the initiative pauses the administration’s clocks (HTTP)', () => {
  let api: ApiHarness;
  let now = new Date('2026-02-05T12:00:00Z');
  const unitId = randomUUID();
  const initiativeId = randomUUID();
  const caseId = randomUUID();
  const adminPromise = randomUUID();
  const initiativePromise = randomUUID();

  const send = async (type: string, body: object, occurredAt: string) => {
    const response = await api.command(type, { ...body, occurredAt });
    expect({ type, status: response.status, body: response.body }).toMatchObject({ status: 200 });
  };
  const metricsAsOf = async (asOf: string) => {
    const response = await api.get(`/v1/cases/${caseId}/metrics?asOf=${asOf}`, 'musterstadt', ['analyst']);
    expect(response.status).toBe(200);
    return response.body.data;
  };

  beforeAll(async () => {
    api = await startApi({ clock: () => now });
    await send('RegisterUnit', { unitId, name: 'Koordinierungsstelle', isContactPoint: true }, '2026-01-02T08:00:00Z');
    await send('RegisterInitiative', { ...commandExamples.RegisterInitiative, initiativeId }, '2026-01-02T08:00:00Z');
    await send('SubmitRequest', { ...commandExamples.SubmitRequest, caseId, initiativeId }, '2026-01-05T08:00:00Z');
    // 7–17 Jan: the request waits for the initiative's documents before it is answered.
    await send('AwaitInitiative', { caseId, reason: 'Unterlagen fehlen noch' }, '2026-01-07T08:00:00Z');
    await send('ResumeCase', { caseId }, '2026-01-17T08:00:00Z');
    await send('AcknowledgeRequest', { caseId, unitId, staffRef: 'k.schulte' }, '2026-01-22T08:00:00Z');
    await send(
      'RecordInteraction',
      {
        ...commandExamples.RecordInteraction,
        caseId,
        interactionId: randomUUID(),
        initiatedBy: 'administration',
        staffRef: 'k.schulte',
        unitId,
      },
      '2026-01-22T09:00:00Z',
    );
    const promise = { caseId, description: 'Entwurf des Nutzungsvertrags', dueOn: '2026-02-10' };
    await send(
      'MakeCommitment',
      { ...promise, commitmentId: adminPromise, promisor: 'administration' },
      '2026-01-22T09:00:00Z',
    );
    await send(
      'MakeCommitment',
      { ...promise, commitmentId: initiativePromise, promisor: 'initiative' },
      '2026-01-22T09:00:00Z',
    );
    // 1–15 Feb (14 days): the members' meeting decides; the wait would end by itself after 28 Feb.
    await send(
      'AwaitInitiative',
      { caseId, reason: 'Mitgliederversammlung entscheidet', until: '2026-02-28' },
      '2026-02-01T12:00:00Z',
    );
    await send('ResumeCase', { caseId }, '2026-02-15T12:00:00Z');
    await api.project();
  }, 120_000);
  afterAll(() => api?.close());

  const worklist = async (query: string) => {
    const response = await api.get(`/v1/worklist${query}`, 'musterstadt', ['clerk']);
    expect(response.status).toBe(200);
    expect(response.body.data.asOf).toBe(now.toISOString());
    return (response.body.data.items as Record<string, unknown>[])
      .filter((item) => item.caseId === caseId)
      .map((item) => `${item.kind} ${item.dueOn} ${item.dueAt} paused=${item.paused}`);
  };

  it('the worklist: while the case waits, the administration’s promise is paused and due as if the wait ended now', async () => {
    // 5 Feb 12:00, 4 days into the wait: due 10 Feb + 4 days; the wait itself ends with 28 Feb.
    expect(await worklist('?within=30')).toEqual([
      'commitment_due 2026-02-14 2026-02-14T22:59:59.999Z paused=true',
      'initiative_wait_ending 2026-02-28 2026-02-28T22:59:59.999Z paused=false',
    ]);
    // The initiative's promise runs on.
    expect(await worklist('?within=30&promisor=initiative')).toEqual([
      'commitment_due 2026-02-10 2026-02-10T22:59:59.999Z paused=false',
      'initiative_wait_ending 2026-02-28 2026-02-28T22:59:59.999Z paused=false',
    ]);
    // After the ResumeCase of 15 Feb: moved by the whole wait of 14 days, no longer paused.
    now = new Date('2026-02-20T00:00:00Z');
    expect(await worklist('')).toEqual(['commitment_due 2026-02-24 2026-02-24T22:59:59.999Z paused=false']);
  });

  it('the case file shows the wait on record while it is, and no reason (personal data)', async () => {
    const doc = async () => (await api.get(`/v1/cases/${caseId}`, 'musterstadt', ['clerk'])).body.data;
    expect((await doc()).waitingForInitiative).toBeNull();
    await send(
      'AwaitInitiative',
      { caseId, reason: 'Gutachten der Initiative folgt', until: '2026-06-30' },
      '2026-05-10T08:00:00Z',
    );
    await api.project();
    const waiting = await doc();
    expect(waiting.waitingForInitiative).toEqual({ since: '2026-05-10T08:00:00.000Z', until: '2026-06-30' });
    expect(JSON.stringify(waiting)).not.toContain('Gutachten');
    await send('ResumeCase', { caseId }, '2026-05-12T08:00:00Z');
    await api.project();
    expect((await doc()).waitingForInitiative).toBeNull();
  });

  it('the summary says how many open cases wait, so that a dormant share lowered by waits shows', async () => {
    const summary = async (asOf: string) =>
      (await api.get(`/v1/metrics/summary?asOf=${asOf}`, 'musterstadt', ['analyst'])).body.data;
    expect(await summary('2026-02-05T12:00:00Z')).toMatchObject({ openCases: 1, waitingShare: 1, dormantShare: 0 });
    expect(await summary('2026-02-20T00:00:00Z')).toMatchObject({ openCases: 1, waitingShare: 0 });
  });

  it('shows a running wait with its start and last day', async () => {
    expect(await metricsAsOf('2026-01-12T00:00:00Z')).toMatchObject({
      waitingForInitiative: { since: '2026-01-07T08:00:00.000Z', until: null },
      waitingDays: 4.666666666666667,
      respondedWithinTarget: null,
    });
    expect(await metricsAsOf('2026-02-05T12:00:00Z')).toMatchObject({
      waitingForInitiative: { since: '2026-02-01T12:00:00.000Z', until: '2026-02-28' },
    });
  });

  it('the response target stood still: 17 days to the answer, 10 of them waiting, are 7', async () => {
    const m = await metricsAsOf('2026-02-20T00:00:00Z');
    expect(m).toMatchObject({ daysToFirstResponse: 7, respondedWithinTarget: true, waitingForInitiative: null });
    expect(m.waitingDays).toBe(24);
  });

  it("the administration's promise due 10 Feb moved by the 14 days of waiting to 24 Feb; the initiative's did not", async () => {
    const feb20 = await metricsAsOf('2026-02-20T00:00:00Z');
    expect(feb20.commitments).toEqual({
      administration: { kept: 0, late: 0, broken: 0, overdue: 0, open: 1 },
      initiative: { kept: 0, late: 0, broken: 0, overdue: 1, open: 0 },
    });
    expect((await metricsAsOf('2026-02-24')).commitments.administration.open).toBe(1);
    expect((await metricsAsOf('2026-02-25T00:00:00Z')).commitments.administration.overdue).toBe(1);
  });

  it('the dormancy clock stood still: 104 days since the last contact, 14 of them waiting, are 90 — dormant the day after', async () => {
    const may6 = await metricsAsOf('2026-05-06T09:00:00Z');
    expect(may6).toMatchObject({ longestSilenceDays: 90, dormant: false });
    expect(await metricsAsOf('2026-05-07T09:00:00Z')).toMatchObject({ longestSilenceDays: 91, dormant: true });
  });
});
