import { createHash } from 'node:crypto';
import { InMemoryEventStore } from '../in-memory';
import { events } from '../testing';
import { exportLines, parseExportLine, verifyExport } from './export-format';

const scope = { tenant: 'musterstadt', streamId: null, from: null, to: null };

async function anExport(): Promise<string[]> {
  const store = new InMemoryEventStore();
  await store.append('musterstadt', 'case-1', events(3), 'no_stream');
  await store.append('musterstadt', 'fund-1', events(2), 'no_stream');
  await store.append('musterstadt', 'case-1', events(2), 1 + 2);
  const { events: all } = await store.readAll({ maxCount: 100 });
  async function* source() {
    yield* all;
  }
  const lines: string[] = [];
  for await (const line of exportLines(source(), scope, () => new Date('2026-03-02T10:00:00Z'))) lines.push(line);
  return lines;
}

const asLines = (chunks: string[]) => chunks.join('').split('\n').slice(0, -1);

describe('audit export format', () => {
  it('writes one event per line and a manifest whose sha256 covers every byte before it', async () => {
    const chunks = await anExport();
    expect(chunks).toHaveLength(8);
    const manifest = JSON.parse(chunks.at(-1)!).manifest;
    expect(manifest).toMatchObject({
      format: 'koproduktiv.audit-export/1',
      generatedAt: '2026-03-02T10:00:00.000Z',
      scope,
      events: 7,
      eventsByType: { InteractionRecorded: 7 },
      firstPosition: 1,
      lastPosition: 7,
    });
    expect(manifest.sha256).toBe(createHash('sha256').update(chunks.slice(0, -1).join('')).digest('hex'));
    expect(parseExportLine(chunks[0].trimEnd())).toMatchObject({
      streamId: 'case-1',
      version: 1,
      occurredAt: expect.any(Date),
    });
  });

  it('verifies an intact export and an empty one', async () => {
    expect(await verifyExport(asLines(await anExport()))).toMatchObject({ ok: true, events: 7, problems: [] });
    const empty: string[] = [];
    async function* none() {}
    for await (const line of exportLines(none(), scope)) empty.push(line);
    expect(await verifyExport(asLines(empty))).toMatchObject({ ok: true, events: 0 });
  });

  it('fails on one changed byte, a dropped line, a missing manifest, or a line outside the scope', async () => {
    const lines = asLines(await anExport());
    const changed = [...lines];
    changed[1] = changed[1].replace('Treffen', 'Treffer');
    const check = await verifyExport(changed);
    expect(check.ok).toBe(false);
    expect(check.problems.map((p) => p.detail)).toEqual(
      expect.arrayContaining([expect.stringMatching(/sha256/), expect.stringMatching(/content differs from its hash/)]),
    );
    expect(check.problems.find((p) => p.line !== null)?.line).toBe(2);

    const dropped = lines.filter((_, i) => i !== 1);
    expect((await verifyExport(dropped)).problems.map((p) => p.detail).join('\n')).toMatch(/does not follow version 1/);
    expect((await verifyExport(lines.slice(0, -1))).problems[0].detail).toMatch(/not the manifest/);
    expect((await verifyExport([])).ok).toBe(false);

    const rescoped = [...lines];
    const manifest = JSON.parse(rescoped.at(-1)!);
    rescoped[rescoped.length - 1] = JSON.stringify({
      manifest: { ...manifest.manifest, scope: { ...scope, streamId: 'case-1' } },
    });
    expect((await verifyExport(rescoped)).problems.map((p) => p.detail).join('\n')).toMatch(/other streams' events/);
  });
});
