import { CaseHistory, computeCaseMetrics, foldCaseEvents } from '@koproduktiv/metrics';
import { caseEvents, positions, scores } from '@koproduktiv/metrics/testing';
import { HistoryPacker, StringPool } from './packed-history';

const next = positions();
const storyOf = (caseId: string) => {
  const e = caseEvents(caseId, next);
  return foldCaseEvents([
    e.submitted('2026-01-01T09:00:00Z'),
    e.acknowledged('2026-01-04T10:00:00Z', 'unit-1', 'a'),
    e.assigned('2026-01-05T12:00:00Z', 'a', 'unit-1'),
    e.interaction('2026-01-11T00:00:00Z', 'a', 'administration', 'consult'),
    e.commitment('2026-01-12T08:00:00Z', 'c1', 'administration', '2026-03-29'),
    e.renegotiated('2026-03-29T21:30:00Z', 'c1', '2026-04-15'),
    e.fulfilled('2026-04-15T21:59:59.999Z', 'c1'),
    e.commitment('2026-02-01T08:00:00Z', 'c2', 'initiative', '2026-02-10'),
    e.applied('2026-02-02T08:00:00Z', 'app-1'),
    e.awarded('2026-03-02T08:00:00Z', 'app-1'),
    e.supportAgreed('2026-02-03T08:00:00Z'),
    e.staffTime('2026-02-04T08:00:00Z', 'unit-1', 3.5),
    e.feedback('2026-05-01T08:00:00Z', 'initiative', scores(4, 5, 3, 4, 2)),
    e.interaction('2026-05-10T00:00:00Z', 'b', 'initiative', 'collaborate'),
    e.closed('2026-06-01T08:00:00Z', 'completed', 'support'),
    e.reopened('2026-06-20T08:00:00Z', 'support'),
  ]);
};
const story = storyOf('case-1');
const json = JSON.stringify(story);
const AS_OF = [
  '2026-01-01T08:59:59.999Z',
  '2026-03-29T21:59:59.999Z',
  '2026-03-30T00:00:00Z',
  '2026-06-10T00:00:00Z',
  '2027-01-01T00:00:00Z',
];

describe('HistoryPacker', () => {
  it('unpacks every value of the stored history, with each business time as epoch ms', () => {
    const packer = new HistoryPacker();
    const history = packer.unpack(packer.pack(json));
    const withMs = JSON.parse(json, (key, value) =>
      key === 'at' ? Date.parse(value as string) : value,
    ) as CaseHistory;
    expect(history).toEqual(withMs);
    expect(history.interactions[0].at).toBe(Date.parse('2026-01-11T00:00:00Z'));
    expect(history.submitted?.at).toBe(Date.parse('2026-01-01T09:00:00Z'));
  });

  it('gives the same metrics as the stored history at every T', () => {
    const packer = new HistoryPacker();
    const history = packer.unpack(packer.pack(json));
    for (const t of AS_OF)
      expect(computeCaseMetrics(history, new Date(t))).toEqual(computeCaseMetrics(story, new Date(t)));
  });

  it('packs any JSON: nested objects and arrays, null, booleans, empty containers, unicode', () => {
    const packer = new HistoryPacker();
    const odd = {
      v: 1,
      caseId: null,
      flags: [true, false, null, 1.5, -0, 'ä€😀', [], {}, [[1, 'x']]],
      nested: { a: { b: { c: 'd' } } },
      empty: '',
    };
    expect(packer.unpack(packer.pack(JSON.stringify(odd)))).toEqual(JSON.parse(JSON.stringify(odd)));
  });

  it('hands each question objects of its own, so no answer can change a cached history', () => {
    const packer = new HistoryPacker();
    const packed = packer.pack(json);
    const first = packer.unpack(packed) as unknown as { interactions: { unitId: string }[] };
    first.interactions[0].unitId = 'changed';
    expect(packer.unpack(packed).interactions[0].unitId).toBe('unit-1');
  });

  it('estimates more bytes for a longer history, and counts a string the pool already holds once', () => {
    const packer = new HistoryPacker();
    const first = packer.pack(json).bytes;
    const again = packer.pack(json).bytes;
    expect(again).toBeLessThan(first);
    expect(again).toBeGreaterThan(json.length / 8);
    const longer = JSON.stringify({ ...story, interactions: [...story.interactions, ...story.interactions] });
    expect(packer.pack(longer).bytes).toBeGreaterThan(again);
  });
});

describe('StringPool', () => {
  it('hands out one copy per distinct string and starts afresh past its limit', () => {
    const pool = new StringPool(2);
    expect(pool.share('unit-1')).toBe('unit-1');
    const afterOne = pool.addedBytes;
    expect(afterOne).toBeGreaterThan(0);
    pool.share('unit-1');
    expect(pool.addedBytes).toBe(afterOne);
    pool.share('unit-2');
    pool.share('unit-3');
    pool.share('unit-1');
    expect(pool.addedBytes).toBe(afterOne * 4);
  });
});
