import { endOfLocalDay, endOfLocalMonth } from '@koproduktiv/metrics';
import { keptInstants } from './kept-instants';

const BERLIN = 'Europe/Berlin';

describe('keptInstants', () => {
  it('are the ends of the last 24 months and of the last 31 days (today included), each once, in order', () => {
    // 1 April 2026, 00:30 in Berlin (summer time began on 29 March): still 31 March in UTC.
    const instants = keptInstants(new Date('2026-03-31T22:30:00Z'), BERLIN);
    const iso = instants.map((instant) => instant.toISOString());
    expect(iso[0]).toBe(endOfLocalMonth('2024-05', BERLIN).toISOString());
    expect(iso).toContain(endOfLocalMonth('2026-04', BERLIN).toISOString());
    expect(iso).toContain(endOfLocalDay('2026-04-01', BERLIN).toISOString());
    expect(iso).toContain(endOfLocalDay('2026-03-02', BERLIN).toISOString());
    expect(iso).not.toContain(endOfLocalDay('2026-03-01', BERLIN).toISOString());
    // 31 March is a day of the last 31 and a month's end: kept once.
    expect(iso.filter((t) => t === endOfLocalDay('2026-03-31', BERLIN).toISOString())).toHaveLength(1);
    expect(instants).toHaveLength(24 + 31 - 1);
    expect([...iso].sort()).toEqual(iso);
    expect(new Set(iso).size).toBe(iso.length);
  });

  it('follow the time zone: the same instant is another day in another zone', () => {
    const now = new Date('2026-03-31T22:30:00Z');
    const inUtc = keptInstants(now, 'UTC').map((instant) => instant.toISOString());
    expect(inUtc.at(-1)).toBe('2026-03-31T23:59:59.999Z');
    expect(keptInstants(now, BERLIN).at(-1)?.toISOString()).toBe(endOfLocalMonth('2026-04', BERLIN).toISOString());
  });
});
