import { WrongExpectedVersionError } from '../port';
import { planAppend, streamStateAt, toStreamState, versionOfRevision, versionOfState } from './expected-version';

describe('expected versions over KurrentDB stream states', () => {
  it('maps 1-based versions to 0-based revisions, 0 to no_stream', () => {
    expect(streamStateAt(0)).toBe('no_stream');
    expect(streamStateAt(1)).toBe(0n);
    expect(streamStateAt(42)).toBe(41n);
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfState('no_stream')).toBe(0);
    expect(versionOfState(41n)).toBe(42);
    expect(() => streamStateAt(-1)).toThrow(RangeError);
    expect(() => streamStateAt(1.5)).toThrow(RangeError);
  });

  it('translates every mode of the port to a streamState', () => {
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState(0)).toBe('no_stream');
    expect(toStreamState(3)).toBe(2n);
  });

  describe('planning an append onto the tip that was read', () => {
    it.each([
      ['any', 0, 'no_stream', true],
      ['any', 5, 4n, true],
      ['no_stream', 0, 'no_stream', false],
      ['stream_exists', 2, 1n, true],
      [0, 0, 'no_stream', false],
      [3, 3, 2n, false],
    ] as const)('%j at version %j appends at %j (retry on conflict: %j)', (expected, tip, state, retry) => {
      expect(planAppend('case-1', expected, tip)).toEqual({ streamState: state, retryOnConflict: retry });
    });

    it.each([
      ['no_stream', 2],
      ['stream_exists', 0],
      [1, 0],
      [2, 3],
    ] as const)('refuses %j at version %j before writing, naming the actual version', (expected, tip) => {
      const attempt = () => planAppend('case-1', expected, tip);
      expect(attempt).toThrow(WrongExpectedVersionError);
      expect(attempt).toThrow(expect.objectContaining({ streamId: 'case-1', expected, actual: tip }));
    });
  });
});
