import {
  comparePositions,
  decodeKurrentCheckpoint,
  displayPosition,
  encodeKurrentCheckpoint,
  isAfter,
} from './position-codec';

describe('KurrentDB checkpoints', () => {
  it('encode commit and prepare position as an opaque string and back, beyond 2^53', () => {
    const position = { commit: 18446744073709551000n, prepare: 18446744073709550000n };
    const checkpoint = encodeKurrentCheckpoint(position);
    expect(checkpoint).toBe('kurrentdb:18446744073709551000:18446744073709550000');
    expect(decodeKurrentCheckpoint(checkpoint)).toEqual(position);
  });

  it('read no checkpoint as the start and refuse anything else, a PostgreSQL checkpoint included', () => {
    expect(decodeKurrentCheckpoint(undefined)).toBeUndefined();
    for (const bad of ['123/456', 'kurrentdb:1', 'kurrentdb:-1:0', 'kurrentdb:1:2:3', '']) {
      expect(() => decodeKurrentCheckpoint(bad)).toThrow('Not a KurrentDB event store checkpoint');
    }
    expect(() => encodeKurrentCheckpoint({ commit: -1n, prepare: 0n })).toThrow(RangeError);
  });

  it('order positions as $all does: commit position, then prepare position', () => {
    const batchFirst = { commit: 500n, prepare: 300n };
    const batchSecond = { commit: 500n, prepare: 400n };
    const later = { commit: 900n, prepare: 600n };
    expect([later, batchSecond, batchFirst].sort(comparePositions)).toEqual([batchFirst, batchSecond, later]);
    expect(isAfter(batchSecond, batchFirst)).toBe(true);
    expect(isAfter(batchFirst, batchFirst)).toBe(false);
    expect(isAfter(batchFirst, undefined)).toBe(true);
  });

  it('display the prepare position, unique per event', () => {
    expect(displayPosition({ commit: 500n, prepare: 300n })).toBe(300);
  });
});
