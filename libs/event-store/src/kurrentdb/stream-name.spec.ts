import { categoryOf, fromStreamName, parseStreamName, scopeRegex, streamNameRegex, toStreamName } from './stream-name';

describe('KurrentDB stream names', () => {
  it('put the category first (for $by_category and filters) and the tenant before the stream id', () => {
    expect(toStreamName('musterstadt', 'case-0195a1b2-3c4d-7e5f')).toBe('case-musterstadt~case-0195a1b2-3c4d-7e5f');
    expect(categoryOf('case-0195a1b2-3c4d')).toBe('case');
  });

  it.each([
    ['musterstadt', 'case-0195a1b2-3c4d-7e5f'],
    ['tenant-with-dashes', 'fund-1'],
    ['', 'unit-x'],
    ['odd~tenant%/ü!*', 'initiative-a~b-c'],
    ['t', 'nodash'],
    ['t', 'case-'],
  ])('round-trip tenant %j and stream %j', (tenant, streamId) => {
    expect(fromStreamName(toStreamName(tenant, streamId))).toEqual({ tenant, streamId });
  });

  it('keep tenants apart even when a tenant looks like part of a stream id', () => {
    const names = new Set([
      toStreamName('a', 'case-b~c'),
      toStreamName('a~b', 'case-c'),
      toStreamName('a-b', 'case-c'),
      toStreamName('a', 'case-b-c'),
      toStreamName('a', 'case'),
      toStreamName('a', 'case-'),
    ]);
    expect(names.size).toBe(6);
  });

  it('refuse stream ids KurrentDB would treat as system streams, and names not written by us', () => {
    expect(() => toStreamName('t', '$all')).toThrow(RangeError);
    expect(() => toStreamName('t', '-x')).toThrow(RangeError);
    for (const foreign of ['case-123', '$stats-1', 'case-t~fund-1', 'case-%E0~case-1'])
      expect(() => fromStreamName(foreign)).toThrow(RangeError);
  });

  it('filter $all to our categories with a tenant mark, keeping out look-alikes and system streams', () => {
    const ours = new RegExp(streamNameRegex(['case', 'fund']));
    expect(ours.test(toStreamName('musterstadt', 'case-1'))).toBe(true);
    expect(ours.test(toStreamName('musterstadt', 'fund-1'))).toBe(true);
    expect(ours.test(toStreamName('musterstadt', 'unit-1'))).toBe(false);
    expect(ours.test('case-123')).toBe(false);
    expect(ours.test('cases-t~cases-1')).toBe(false);
    expect(ours.test('$ce-case')).toBe(false);
    const any = new RegExp(streamNameRegex());
    expect(any.test(toStreamName('t', 'unit-1'))).toBe(true);
    expect(any.test('$et-Foo')).toBe(false);
    expect(any.test('orders-42')).toBe(false);
    expect(streamNameRegex(['a.b'])).toBe('^(?:a\\.b)-[^~]*~');
  });

  it('narrow the filter to a tenant, a stream id in every tenant, or one stream, never matching metastreams', () => {
    const test = (scope: Parameters<typeof scopeRegex>[0], name: string) =>
      new RegExp(scopeRegex(scope) as string).test(name);
    const mine = toStreamName('muster-stadt', 'case-1');
    expect(test({ tenant: 'muster-stadt' }, mine)).toBe(true);
    expect(test({ tenant: 'muster' }, mine)).toBe(false);
    expect(test({ tenant: 'muster-stadt', categories: ['fund'] }, mine)).toBe(false);
    expect(test({ streamId: 'case-1' }, mine)).toBe(true);
    expect(test({ streamId: 'case-1' }, toStreamName('anders', 'case-1'))).toBe(true);
    expect(test({ streamId: 'case-1' }, toStreamName('anders', 'case-10'))).toBe(false);
    expect(test({ tenant: 'muster-stadt', streamId: 'case-1' }, mine)).toBe(true);
    expect(test({ tenant: 'muster-stadt', streamId: 'case-1' }, toStreamName('muster-stadt', 'case-1x'))).toBe(false);
    expect(test({ tenant: 'muster-stadt' }, `$$${mine}`)).toBe(false);
    expect(scopeRegex({ streamId: 'unit-1', categories: ['case'] })).toBeUndefined();
    expect(streamNameRegex(['case'])).toBe(scopeRegex({ categories: ['case'] }));
    expect(parseStreamName(mine)).toEqual({ tenant: 'muster-stadt', streamId: 'case-1' });
    expect(parseStreamName('$$' + mine)).toBeUndefined();
  });
});
