import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and does not depend on insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('drops undefined members, writes undefined array items as null, dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, new Date('2025-01-01T00:00:00Z')] })).toBe(
      '{"b":[null,"2025-01-01T00:00:00.000Z"]}',
    );
  });

  it('escapes strings and keys as JSON does', () => {
    expect(canonicalJson({ 'k"ey': 'line\nbreak "quoted" ü' })).toBe(
      JSON.stringify({ 'k"ey': 'line\nbreak "quoted" ü' }),
    );
  });

  it('writes numbers and booleans as JSON does, non-finite numbers as null', () => {
    expect(canonicalJson([0, -1.5, 1e21, true, false, Number.NaN])).toBe('[0,-1.5,1e+21,true,false,null]');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(BigInt(1))).toThrow(new TypeError('Cannot serialise a bigint canonically'));
  });
});
