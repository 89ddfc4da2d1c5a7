import { addOnce, byTime, earliest, isoAt, latest, msOf, upTo } from './timed';

const entry = (at: string | number, pos: number) => ({ at, pos });
const positions = (list: readonly { pos: number }[]) => list.map((e) => e.pos);

describe('business-time order of history entries', () => {
  const instant = '2026-03-02T10:00:00.000Z';

  it('sorts by business time, entries of the same instant by store position, from ISO text or epoch ms alike', () => {
    const list = [
      entry(instant, 9),
      entry('2026-03-01T10:00:00.000Z', 12),
      entry(Date.parse(instant), 4),
      entry(instant, 7),
    ];
    expect(positions(byTime(list))).toEqual([12, 4, 7, 9]);
  });

  it('keeps a list that is in order as it is (same entries, same order)', () => {
    const list = [entry(instant, 1), entry(instant, 2), entry('2026-03-03T00:00:00.000Z', 3)];
    expect(byTime(list)).toEqual(list);
  });

  it('notices a single pair out of order at the same instant', () => {
    expect(positions(byTime([entry(instant, 1), entry(instant, 3), entry(instant, 2)]))).toEqual([1, 2, 3]);
  });

  it('finds the earliest and the latest, ties going to the earlier and the later position', () => {
    const list = [entry(instant, 5), entry(instant, 3), entry(instant, 8), entry(instant, 6)];
    expect(earliest(list)?.pos).toBe(3);
    expect(latest(list)?.pos).toBe(8);
    expect(earliest([])).toBeUndefined();
    expect(latest([entry('2026-01-01T00:00:00.000Z', 9), entry(instant, 1)])?.pos).toBe(1);
  });

  it('takes entries up to T inclusive, and adds an event only once', () => {
    const t = Date.parse(instant);
    expect(positions(upTo([entry(t - 1, 1), entry(t, 2), entry(t + 1, 3)], t))).toEqual([1, 2]);
    const list = [entry(instant, 1)];
    expect(addOnce(list, entry(instant, 1))).toBe(list);
    expect(positions(addOnce(list, entry(instant, 2)))).toEqual([1, 2]);
  });

  it('reads a time as stored (ISO text) or as unpacked from a cache (epoch ms) alike', () => {
    const ms = Date.parse(instant);
    expect([isoAt(entry(instant, 1)), isoAt(entry(ms, 1))]).toEqual([instant, instant]);
    expect([msOf(entry(instant, 1)), msOf(entry(ms, 1))]).toEqual([ms, ms]);
  });
});
