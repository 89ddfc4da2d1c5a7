import { commandExamples, exampleIds } from '../../apps/api/src/commands/dto/examples';
import { ApiHarness, sendStory, startApi } from '../support/api-harness';

/**
 * Clerks read the case file of their municipality: staff in clear, the commitments with their
 * descriptions (a narrative, opened for them and logged). Analysts keep their view without any
 * personal data. The example story (examples.ts) is the case.
 */
describe('the case file for clerks', () => {
  let api: ApiHarness;
  const TENANT = 'musterstadt';
  const caseId = exampleIds.case;
  /** Every narrative of the story: none may reach an analyst. */
  const narratives = [
    commandExamples.SubmitRequest.description,
    commandExamples.MakeCommitment.description,
    'Die Initiative legt einen Entwurf des Nutzungskonzepts vor.',
    commandExamples.RenegotiateCommitment.reason,
    commandExamples.WithdrawCommitment.reason,
    commandExamples.RecordInteraction.summary,
    commandExamples.AcknowledgeRequest.note,
  ];

  beforeAll(async () => {
    api = await startApi();
    await sendStory(api, TENANT);
    await api.project();
  }, 60_000);
  afterAll(() => api?.close());

  it("shows a clerk the case's commitments with promisor, due dates, status and description, and logs the read with its purpose", async () => {
    const response = await api.get(`/v1/cases/${caseId}`, TENANT, ['clerk'], { 'x-purpose': 'Rückruf Initiative' });
    expect(response.status).toBe(200);
    expect(response.body.data.contactPerson.staffRef).toBe('bauord/m.yilmaz');
    expect(response.body.data.acknowledgedBy.staffRef).toBe('koord.schulte');
    expect(response.body.data.interimUse[exampleIds.agreement]).toMatchObject({ endsOn: '2027-03-31' });
    expect(response.body.data.fundingApplications[exampleIds.application]).toMatchObject({ status: 'awarded' });
    expect(response.body.data.file.commitments).toEqual([
      {
        commitmentId: exampleIds.commitment,
        promisor: 'administration',
        description: commandExamples.MakeCommitment.description,
        descriptionErasedAt: null,
        madeAt: expect.any(String),
        originalDueOn: '2026-02-27',
        // The story runs today: renegotiated after 27 February, which marks the promise late (METRICS.md).
        dueOn: '2026-02-27',
        status: 'late',
      },
      {
        commitmentId: exampleIds.withdrawnCommitment,
        promisor: 'initiative',
        description: 'Die Initiative legt einen Entwurf des Nutzungskonzepts vor.',
        descriptionErasedAt: null,
        madeAt: expect.any(String),
        originalDueOn: '2026-03-06',
        dueOn: '2026-03-06',
        status: 'broken',
      },
    ]);
    const log = await api.get('/v1/admin/access-log', TENANT, ['admin']);
    expect(log.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: `clerk@${TENANT}`,
          role: 'clerk',
          action: 'case-file.commitments',
          target: `case-${caseId}`,
          purpose: 'Rückruf Initiative',
        }),
      ]),
    );
  });

  it('gives analysts no personal data at all and staff only as pseudonyms, in the case and the list', async () => {
    const one = await api.get(`/v1/cases/${caseId}`, TENANT, ['analyst']);
    const list = await api.get('/v1/cases', TENANT, ['analyst']);
    const csv = await api.get('/v1/cases', TENANT, ['analyst'], { accept: 'text/csv' });
    for (const response of [one, list, csv]) {
      expect(response.status).toBe(200);
      const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      for (const narrative of narratives) expect(text).not.toContain(narrative);
      expect(text).not.toContain('m.yilmaz');
      expect(text).not.toContain('koord.schulte');
    }
    expect(one.body.data.file).toBeUndefined();
    expect(one.body.data.contactPerson.staffRef).toMatch(/^staff-[A-Za-z0-9_-]{22}$/);
  });

  it('lists cases for clerks with staff in clear and without narratives (the list opens none)', async () => {
    const before = (await api.get('/v1/admin/access-log', TENANT, ['admin'])).body.entries.length;
    const list = await api.get('/v1/cases', TENANT, ['clerk']);
    expect(list.status).toBe(200);
    expect(list.body.data.items[0].contactPerson.staffRef).toBe('bauord/m.yilmaz');
    for (const narrative of narratives) expect(JSON.stringify(list.body)).not.toContain(narrative);
    expect((await api.get('/v1/admin/access-log', TENANT, ['admin'])).body.entries).toHaveLength(before);
  });

  it("a clerk of another municipality finds no such case; auditors and operators are not clerks' readers", async () => {
    expect((await api.get(`/v1/cases/${caseId}`, 'nachbarstadt', ['clerk'])).status).toBe(404);
    expect((await api.get('/v1/cases', 'nachbarstadt', ['clerk'])).body.data.items).toEqual([]);
    expect((await api.get(`/v1/cases/${caseId}`, TENANT, ['auditor'])).status).toBe(403);
    expect((await api.get(`/v1/cases/${caseId}/metrics`, TENANT, ['clerk'])).status).toBe(403);
  });

  it("gives a clerk the case's history with business time and recorded time, the fund's decisions included, without personal data", async () => {
    // A site visit entered a week after it took place: its business time is before its recorded time.
    const visited = '2026-03-02T10:00:00.000Z';
    const late = await api.command('RecordInteraction', {
      ...commandExamples.RecordInteraction,
      interactionId: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1aff',
      occurredAt: visited,
    });
    expect(late.status).toBe(200);
    const response = await api.get(`/v1/cases/${caseId}/history`, TENANT, ['clerk']);
    expect(response.status).toBe(200);
    const { entries, nextAfterPosition } = response.body as {
      entries: { type: string; streamId: string; position: number; occurredAt: string; recordedAt: string }[];
      nextAfterPosition: number | null;
    };
    expect(nextAfterPosition).toBeNull();
    expect(entries[0]).toMatchObject({
      type: 'RequestSubmitted',
      streamId: `case-${caseId}`,
      actor: { subject: expect.any(String), role: 'clerk' },
      details: expect.objectContaining({ title: expect.any(String) }),
    });
    expect(entries.map((entry) => entry.position)).toEqual(
      [...entries.map((entry) => entry.position)].sort((a, b) => a - b),
    );
    expect(entries.some((entry) => entry.streamId.startsWith('fund-'))).toBe(true);
    const visit = entries.at(-1)!;
    expect(visit).toMatchObject({ type: 'InteractionRecorded', occurredAt: visited });
    expect(Date.parse(visit.recordedAt)).toBeGreaterThan(Date.parse(visit.occurredAt));
    const text = JSON.stringify(response.body);
    // The fund's reasons too: its decisions are in the history, their narratives are not.
    for (const narrative of [
      ...narratives,
      commandExamples.AwardGrant.rationale,
      commandExamples.ReviewProofOfUse.rationale,
      commandExamples.ReclaimGrant.reason,
    ])
      expect(text).not.toContain(narrative);
    // Not even sealed: the personal-data fields are left out, not sent encrypted.
    const details = (type: string) =>
      (entries as unknown as { type: string; details: Record<string, unknown> }[]).find((e) => e.type === type)!
        .details;
    expect(details('GrantAwarded')).toMatchObject({ amountCents: commandExamples.AwardGrant.amountCents });
    expect(details('GrantAwarded')).not.toHaveProperty('rationale');
    expect(details('CommitmentMade')).toMatchObject({ promisor: 'administration', dueOn: '2026-02-27' });
    expect(details('CommitmentMade')).not.toHaveProperty('description');
    expect(details('RequestSubmitted')).not.toHaveProperty('description');
    expect(details('RequestSubmitted')).not.toHaveProperty('caseId');

    // Page by page, the same entries.
    const paged: unknown[] = [];
    for (let after = 0, guard = 0; guard < 100; guard += 1) {
      const page = await api.get(`/v1/cases/${caseId}/history?limit=3&afterPosition=${after}`, TENANT, ['clerk']);
      paged.push(...page.body.entries);
      if (page.body.nextAfterPosition === null) break;
      after = page.body.nextAfterPosition;
    }
    expect(paged).toEqual(entries);

    expect((await api.get(`/v1/cases/${caseId}/history`, TENANT, ['analyst'])).status).toBe(403);
    expect((await api.get(`/v1/cases/${caseId}/history`, 'nachbarstadt', ['clerk'])).status).toBe(404);
    const bad = await api.get(`/v1/cases/${caseId}/history?limit=0`, TENANT, ['clerk']);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('after the narratives are shredded the clerk sees that they were erased, not ciphertext', async () => {
    const shred = await api.command(
      'ShredCaseNarratives',
      { caseId, reason: 'Löschantrag Art. 17 DSGVO' },
      { token: await api.token(TENANT, 'admin') },
    );
    expect(shred.status).toBe(200);
    await api.project();
    const response = await api.get(`/v1/cases/${caseId}`, TENANT, ['clerk']);
    expect(response.status).toBe(200);
    for (const commitment of response.body.data.file.commitments) {
      expect(commitment).toMatchObject({ description: null, descriptionErasedAt: expect.any(String) });
    }
    expect(response.body.data.file.commitments.map((c: { status: string }) => c.status)).toEqual(['late', 'broken']);
  });
});
