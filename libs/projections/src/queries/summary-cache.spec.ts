import { SummaryCache } from './summary-cache';

/** A computation the test finishes by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ([resolve, reject] = [res, rej]));
  return { promise, resolve, reject };
}

describe('SummaryCache', () => {
  let clock = 0;
  const cache = () => new SummaryCache<string>(60_000, 500, () => clock);
  beforeEach(() => (clock = 1_000_000));

  it('computes a question once per version, however many ask at once', async () => {
    const c = cache();
    const compute = jest.fn(async () => 'a');
    expect(await Promise.all([c.get('q', 'v1', compute), c.get('q', 'v1', compute)])).toEqual(['a', 'a']);
    expect(await c.get('q', 'v1', compute)).toBe('a');
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('once the version moved, gives the last answer while one new computation runs, then the new one', async () => {
    const c = cache();
    await c.get('q', 'v1', async () => 'old');
    const next = deferred<string>();
    const compute = jest.fn(() => next.promise);
    expect(await c.get('q', 'v2', compute)).toBe('old');
    expect(await c.get('q', 'v3', compute)).toBe('old');
    expect(compute).toHaveBeenCalledTimes(1);
    next.resolve('new');
    await next.promise;
    expect(await c.get('q', 'v2', async () => 'unused')).toBe('new');
  });

  it('gives the last answer for at most a minute after it was found outdated: then the caller waits for the new one', async () => {
    const c = cache();
    await c.get('q', 'v1', async () => 'old');
    clock += 10 * 60_000; // however old the answer, it only counts from when a question found it outdated
    const slow = deferred<string>();
    expect(await c.get('q', 'v2', () => slow.promise)).toBe('old');
    clock += 60_000;
    expect(await c.get('q', 'v2', async () => 'unused')).toBe('old');
    clock += 1;
    const waiting = c.get('q', 'v2', async () => 'unused');
    slow.resolve('new');
    expect(await waiting).toBe('new');
  });

  it('a failed first computation reaches its caller and is tried again by the next', async () => {
    const c = cache();
    await expect(c.get('q', 'v1', async () => Promise.reject(new Error('database gone')))).rejects.toThrow(
      'database gone',
    );
    expect(await c.get('q', 'v1', async () => 'a')).toBe('a');
  });

  it('a failed refresh leaves the last answer in place and is tried again by the next question', async () => {
    const c = cache();
    await c.get('q', 'v1', async () => 'old');
    const failing = deferred<string>();
    expect(await c.get('q', 'v2', () => failing.promise)).toBe('old');
    failing.reject(new Error('database gone'));
    await failing.promise.catch(() => undefined);
    const compute = jest.fn(async () => 'new');
    expect(await c.get('q', 'v2', compute)).toBe('old');
    expect(compute).toHaveBeenCalledTimes(1);
    expect(await c.get('q', 'v2', compute)).toBe('new');
  });

  it('keeps questions apart and forgets the oldest beyond its limit', async () => {
    const c = new SummaryCache<string>(60_000, 2, () => clock);
    await c.get('a', 'v', async () => 'A');
    await c.get('b', 'v', async () => 'B');
    await c.get('c', 'v', async () => 'C');
    expect(await c.get('b', 'v', async () => 'unused')).toBe('B');
    expect(await c.get('a', 'v', async () => 'A again')).toBe('A again');
  });
});
