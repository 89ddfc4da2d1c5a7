import { CachedHistory, CaseHistoryCache } from './case-history-cache';

const entry = (bytes: number, rowPosition = 1): CachedHistory => ({
  rowPosition,
  packed: { values: new Float64Array(0), strings: [], bytes },
  checkedAt: 10,
});

describe('CaseHistoryCache', () => {
  it('keeps entries within its budget of estimated bytes, and drops the least recently used first', () => {
    const cache = new CaseHistoryCache(1000);
    cache.set('t', 'a', entry(400));
    cache.set('t', 'b', entry(200));
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 600 });
    expect(cache.get('t', 'a')?.packed.bytes).toBe(400);
    cache.set('t', 'c', entry(500));
    expect(cache.get('t', 'b')).toBeUndefined();
    expect(cache.get('t', 'a')?.packed.bytes).toBe(400);
    expect(cache.get('t', 'c')?.packed.bytes).toBe(500);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 900 });
  });

  it('replaces an entry of the same case instead of counting it twice', () => {
    const cache = new CaseHistoryCache(1000);
    cache.set('t', 'a', entry(400, 1));
    cache.set('t', 'a', entry(600, 2));
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 600 });
    expect(cache.get('t', 'a')?.rowPosition).toBe(2);
  });

  it('takes an offered entry only into room left, never pushing another out', () => {
    const cache = new CaseHistoryCache(1000);
    cache.set('t', 'hot', entry(600));
    cache.offer('t', 'a', entry(300));
    cache.offer('t', 'b', entry(300));
    expect(cache.get('t', 'hot')).toBeDefined();
    expect(cache.get('t', 'a')).toBeDefined();
    expect(cache.get('t', 'b')).toBeUndefined();
    cache.offer('t', 'a', entry(400, 2));
    expect(cache.get('t', 'a')?.rowPosition).toBe(2);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 1000 });
  });

  it('lets an entry be looked at without making it the most recently used', () => {
    const cache = new CaseHistoryCache(1000);
    cache.set('t', 'a', entry(400));
    cache.set('t', 'b', entry(400));
    expect(cache.peek('t', 'a')?.packed.bytes).toBe(400);
    cache.set('t', 'c', entry(400));
    expect(cache.peek('t', 'a')).toBeUndefined();
    expect(cache.peek('t', 'b')).toBeDefined();
  });

  it('does not keep a history larger than the whole budget, nor any with a budget of 0', () => {
    const small = new CaseHistoryCache(100);
    small.set('t', 'a', entry(50));
    small.set('t', 'b', entry(500));
    expect(small.get('t', 'b')).toBeUndefined();
    expect(small.get('t', 'a')).toBeDefined();
    const none = new CaseHistoryCache(0);
    none.set('t', 'a', entry(1));
    none.offer('t', 'b', entry(1));
    expect(none.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('keeps tenants apart and frees what it deletes', () => {
    const cache = new CaseHistoryCache(1000);
    cache.set('musterstadt', 'a', entry(100));
    expect(cache.get('nachbarort', 'a')).toBeUndefined();
    cache.delete('musterstadt', 'a');
    cache.delete('musterstadt', 'a');
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('counts hits and misses', () => {
    const cache = new CaseHistoryCache(1000);
    cache.count(true);
    cache.count(false);
    cache.count(true);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1 });
  });
});
