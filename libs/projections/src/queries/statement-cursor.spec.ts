import { randomUUID } from 'node:crypto';
import { encodeCursor, InvalidCursorError } from './cursor';
import { decodeStatementCursor, encodeStatementCursor } from './statement-cursor';

const id = randomUUID();
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('statement cursors', () => {
  it('round-trip T, position and one or two sort keys', () => {
    const one = { asOfMs: Date.UTC(2026, 5, 30), position: 42, after: [id] };
    expect(decodeStatementCursor(encodeStatementCursor(one), 1)).toEqual(one);
    const two = { asOfMs: -5, position: 0, after: ['2026-03-01T08:00:00.000Z', id] };
    expect(decodeStatementCursor(encodeStatementCursor(two), 2)).toEqual(two);
    expect(decodeStatementCursor(undefined, 1)).toBeUndefined();
  });

  it('take a bare applicationId cursor of earlier versions as a place without a pinned statement', () => {
    expect(decodeStatementCursor(encodeCursor(id), 1)).toEqual({ after: [id] });
    expect(() => decodeStatementCursor(encodeCursor(id), 2)).toThrow(InvalidCursorError);
  });

  it.each([
    ['not base64 JSON', 'bm90LWEtY3Vyc29y', 1],
    ['an object', raw({ asOfMs: 1, position: 1, after: [id] }), 1],
    ['too few keys', raw([1, 1]), 1],
    ['too many keys', raw([1, 1, id, id]), 1],
    ['a fractional T', raw([1.5, 1, id]), 1],
    ['a T past any date', raw([8.64e15 + 1, 1, id]), 1],
    ['a negative position', raw([1, -1, id]), 1],
    ['a position as text', raw([1, '1', id]), 1],
    ['a key that is no id', raw([1, 1, 'x']), 1],
    ['an instant key that is no instant', raw([1, 1, '2026-03-01', id]), 2],
    ['the keys swapped', raw([1, 1, id, '2026-03-01T08:00:00.000Z']), 2],
  ] as const)('refuse %s', (_what, cursor, keys) => {
    expect(() => decodeStatementCursor(cursor, keys)).toThrow(InvalidCursorError);
  });
});
