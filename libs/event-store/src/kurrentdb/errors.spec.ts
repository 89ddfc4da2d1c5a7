import { StoreUnavailableError, UnstorableEventError, WrongExpectedVersionError } from '../port';
import { conflictOf, isStreamNotFound, translateKurrentError } from './errors';

/** Shaped like the client's errors (CommandError subclasses carry a `type`); the module reads nothing else. */
const clientError = (type: string, extra: object = {}) => Object.assign(new Error(type), { type, ...extra });
const translated = (error: unknown, append?: Parameters<typeof translateKurrentError>[1]) => {
  try {
    translateKurrentError(error, append);
  } catch (thrown) {
    return thrown;
  }
  throw new Error('did not throw');
};

describe('KurrentDB error translation', () => {
  it("turns a wrong expected version into the port's conflict with our 1-based actual version", () => {
    expect(conflictOf(clientError('wrong-expected-version', { actualState: 4n }))).toEqual({ actualVersion: 5 });
    expect(conflictOf(clientError('wrong-expected-version', { actualState: 'no_stream' }))).toEqual({
      actualVersion: 0,
    });
    expect(conflictOf(clientError('unavailable'))).toBeUndefined();
    const error = translated(clientError('wrong-expected-version', { actualState: 2n }), {
      streamId: 'case-1',
      expected: 1,
    });
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamId: 'case-1', expected: 1, actual: 3 });
  });

  it.each(['unavailable', 'deadline-exceeded', 'not-leader', 'access-denied', 'timeout'])(
    'maps %s to StoreUnavailableError',
    (type) => {
      const cause = clientError(type);
      expect(translated(cause)).toBeInstanceOf(StoreUnavailableError);
      expect(translated(cause)).toMatchObject({ cause });
    },
  );

  it('maps connection failures without a client type (discovery, refused sockets) to StoreUnavailableError', () => {
    expect(translated(new Error('Failed to discover after 10 attempts'))).toBeInstanceOf(StoreUnavailableError);
    expect(translated(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('maps size refusals to UnstorableEventError and rethrows anything else unchanged', () => {
    expect(translated(clientError('maximum-append-size-exceeded'))).toBeInstanceOf(UnstorableEventError);
    const bug = new TypeError('x is undefined');
    expect(translated(bug)).toBe(bug);
    expect(translated(clientError('stream-deleted'))).toMatchObject({ type: 'stream-deleted' });
  });

  it('recognises a missing stream by type or name', () => {
    expect(isStreamNotFound(clientError('stream-not-found'))).toBe(true);
    expect(isStreamNotFound(Object.assign(new Error(), { name: 'StreamNotFoundError' }))).toBe(true);
    expect(isStreamNotFound(new Error('other'))).toBe(false);
  });
});
