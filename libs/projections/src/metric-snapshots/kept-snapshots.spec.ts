import { foldCaseEvents, resolveMetricsSettings, snapshotOrLeftOut, TakenSnapshot } from '@koproduktiv/metrics';
import { caseEvents, positions } from '@koproduktiv/metrics/testing';
import { KeptCase, KeptSnapshots } from './kept-snapshots';

const T = new Date('2026-06-30T21:59:59.999Z');
const settings = resolveMetricsSettings();
const next = positions();

/** Cases with every kind of value a snapshot holds: nulls, funding decisions, commitments, an uninterpretable entry. */
function cases(): KeptCase[] {
  const full = caseEvents('case-a', next);
  const quiet = caseEvents('case-b', next);
  const odd = caseEvents('case-c', next);
  const later = caseEvents('case-d', next);
  const taken = (events: Parameters<typeof foldCaseEvents>[0]): TakenSnapshot =>
    snapshotOrLeftOut(foldCaseEvents(events), T, settings);
  return [
    {
      id: 'case-a',
      category: 'kultur',
      taken: taken([
        full.submitted('2026-01-05T09:00:00Z', 'initiative-1', 'kultur'),
        full.acknowledged('2026-01-07T09:00:00Z'),
        full.assigned('2026-01-08T09:00:00Z', 'a', 'unit-2'),
        full.interaction('2026-01-09T09:00:00Z', 'a', 'initiative', 'collaborate'),
        full.interaction('2026-02-09T09:00:00Z', 'b', 'administration', 'consult'),
        full.commitment('2026-01-10T09:00:00Z', 'c1', 'administration', '2026-02-01'),
        full.fulfilled('2026-01-20T09:00:00Z', 'c1'),
        full.commitment('2026-01-10T09:00:00Z', 'c2', 'initiative', '2026-03-01'),
        full.applied('2026-02-01T09:00:00Z', 'app-1'),
        full.awarded('2026-03-01T12:00:00Z', 'app-1'),
        full.applied('2026-02-02T09:00:00Z', 'app-2'),
        full.rejected('2026-02-20T12:00:00Z', 'app-2'),
        full.closed('2026-05-01T09:00:00Z', 'withdrawn'),
      ]),
    },
    {
      id: 'case-b',
      category: 'umwelt',
      taken: taken([quiet.submitted('2026-06-01T09:00:00Z', 'initiative-2', 'umwelt')]),
    },
    {
      id: 'case-c',
      category: 'kultur',
      taken: taken([
        odd.submitted('2026-01-05T09:00:00Z'),
        odd.commitment('2026-01-10T09:00:00Z', 'c3', 'administration', '2026-02-30'),
      ]),
    },
    { id: 'case-d', category: null, taken: taken([later.submitted('2026-07-05T09:00:00Z')]) },
    {
      id: 'case-e',
      category: 'kultur',
      taken: { leftOut: { caseId: 'case-e', list: 'case', pos: null, reason: 'broken' } },
    },
  ];
}

describe('KeptSnapshots', () => {
  it('gives back exactly what it was given, after encoding and decoding', () => {
    const given = cases();
    const snapshot = (i: number) => (given[i].taken as { snapshot: unknown }).snapshot;
    expect(snapshot(0)).toMatchObject({ facts: { fundingDecisionDays: [expect.any(Number), expect.any(Number)] } });
    expect(snapshot(2)).toMatchObject({
      metrics: { uninterpretable: [expect.objectContaining({ caseId: 'case-c' })] },
    });
    expect(snapshot(3)).toBeNull();
    const decoded = KeptSnapshots.decode(T, KeptSnapshots.of(T, given).encode());
    expect(decoded.ids()).toEqual(['case-a', 'case-b', 'case-c', 'case-d', 'case-e']);
    expect(given.map((_, i) => decoded.taken(i))).toEqual(given.map((c) => c.taken));
    expect(KeptSnapshots.decode(T, decoded.encode()).select()).toEqual(KeptSnapshots.of(T, given).select());
  });

  it("selects by the rows' category, in order, with the left-out cases reported", () => {
    const selected = KeptSnapshots.decode(T, KeptSnapshots.of(T, cases()).encode()).select('kultur');
    expect(selected.snapshots.map((s) => s.facts.caseId)).toEqual(['case-a', 'case-c']);
    expect(selected.leftOut).toEqual([{ caseId: 'case-e', list: 'case', pos: null, reason: 'broken' }]);
  });

  it('replaces cases in place, and puts new ones where the given order says', () => {
    const [a, b, c] = cases();
    const kept = KeptSnapshots.decode(T, KeptSnapshots.of(T, [a, c]).encode());
    expect(kept.withCases([])).toBe(kept);
    const replaced = kept.withCases([{ ...c, taken: b.taken }]);
    expect(replaced.ids()).toEqual(['case-a', 'case-c']);
    expect(replaced.taken(1)).toEqual(b.taken);
    expect(() => kept.withCases([b])).toThrow(/order/);
    expect(kept.withCases([b], ['case-a', 'case-b', 'case-c']).ids()).toEqual(['case-a', 'case-b', 'case-c']);
  });

  it('refuses NaN, which it could not tell from null', () => {
    const [a] = cases();
    const snapshot = (a.taken as { snapshot: { metrics: object } }).snapshot;
    const broken = { ...a, taken: { snapshot: { ...snapshot, metrics: { ...snapshot.metrics, trustIndex: NaN } } } };
    expect(() => KeptSnapshots.of(T, [broken as KeptCase]).encode()).toThrow(/NaN/);
  });
});
