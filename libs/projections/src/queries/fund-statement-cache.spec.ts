import { FundStatement } from '@koproduktiv/metrics';
import { FundStatementCache } from './fund-statement-cache';

const statement = (applications: number, asOf = '2026-06-30T00:00:00.000Z'): FundStatement =>
  ({
    fundId: 'f',
    asOf,
    applications: Array.from({ length: applications }, (_, i) => ({ applicationId: `${i}` })),
  }) as never;
const span = (fromMs: number, untilMs: number) => ({ fromMs, untilMs });

describe('FundStatementCache', () => {
  it('answers a T within a kept span of the same version, with that T as asOf; anything else is a miss', () => {
    const cache = new FundStatementCache(100);
    const kept = statement(2);
    cache.set('t', 'f', '1:10', span(1000, 2000), kept);
    expect(cache.get('t', 'f', '1:10', 1500)).toEqual({ ...kept, asOf: new Date(1500).toISOString() });
    expect(cache.get('t', 'f', '1:10', 2000)?.applications).toBe(kept.applications);
    expect(cache.get('t', 'f', '1:10', 2001)).toBeUndefined();
    expect(cache.get('t', 'f', '1:10', 999)).toBeUndefined();
    expect(cache.get('t', 'f', '1:11', 1500)).toBeUndefined();
    expect(cache.get('t', 'f', '2:10', 1500)).toBeUndefined();
    expect(cache.get('other', 'f', '1:10', 1500)).toBeUndefined();
    expect(cache.get('t', 'g', '1:10', 1500)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 6, versions: 1, rows: 3 });
  });

  it('gives the kept object itself when T is its own asOf', () => {
    const cache = new FundStatementCache(100);
    const kept = statement(1, new Date(1500).toISOString());
    cache.set('t', 'f', 'v', span(1000, 2000), kept);
    expect(cache.get('t', 'f', 'v', 1500)).toBe(kept);
  });

  it('keeps a few spans per version, the latest first', () => {
    const cache = new FundStatementCache(1000);
    for (let i = 0; i < 5; i++) cache.set('t', 'f', 'v', span(i * 10, i * 10 + 9), statement(1));
    expect(cache.get('t', 'f', 'v', 5)).toBeUndefined();
    for (let i = 1; i < 5; i++) expect(cache.get('t', 'f', 'v', i * 10)).toBeDefined();
    expect(cache.stats()).toMatchObject({ versions: 1, rows: 8 });
  });

  it('stays within its budget of rows, dropping the least recently used versions first', () => {
    const cache = new FundStatementCache(10);
    cache.set('t', 'a', 'v', span(0, 9), statement(3));
    cache.set('t', 'b', 'v', span(0, 9), statement(3));
    expect(cache.get('t', 'a', 'v', 1)).toBeDefined();
    cache.set('t', 'c', 'v', span(0, 9), statement(3));
    expect(cache.get('t', 'b', 'v', 1)).toBeUndefined();
    expect(cache.get('t', 'a', 'v', 1)).toBeDefined();
    expect(cache.get('t', 'c', 'v', 1)).toBeDefined();
    expect(cache.stats()).toMatchObject({ versions: 2, rows: 8, maxRows: 10 });
    cache.set('t', 'huge', 'v', span(0, 9), statement(10));
    expect(cache.get('t', 'huge', 'v', 1)).toBeUndefined();
    expect(cache.stats().rows).toBe(8);
  });

  it('computes once for questions arriving while the same version is computed, if its span holds their T', async () => {
    const cache = new FundStatementCache(100);
    let release: () => void = () => undefined;
    const computed = new Promise<void>((resolve) => (release = resolve));
    const compute = jest.fn(async () => {
      await computed;
      return { span: span(1000, 2000), statement: statement(2) };
    });
    const asked = [1500, 1800, 2500].map((ms) => cache.through('t', 'f', 'v', ms, compute));
    release();
    const [first, second, outside] = await Promise.all(asked);
    expect(compute).toHaveBeenCalledTimes(2); // once for 1500 and 1800, once more for 2500, outside its span
    expect([first, second, outside].map((s) => s.asOf)).toEqual(
      [1500, 1800, 2500].map((ms) => new Date(ms).toISOString()),
    );
    expect(second.applications).toBe(first.applications);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2 });
    await cache.through('t', 'f', 'v', 1900, compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('keeps no failed computation: whoever waited for it computes anew', async () => {
    const cache = new FundStatementCache(100);
    const failing = jest.fn(async () => {
      throw new Error('store unavailable');
    });
    const working = jest.fn(async () => ({ span: span(0, 10), statement: statement(1) }));
    const [failed, retried] = await Promise.allSettled([
      cache.through('t', 'f', 'v', 5, failing),
      cache.through('t', 'f', 'v', 5, working),
    ]);
    expect(failed).toMatchObject({ status: 'rejected', reason: new Error('store unavailable') });
    expect(retried).toMatchObject({ status: 'fulfilled' });
    expect(working).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ versions: 1, misses: 2 });
  });
});
