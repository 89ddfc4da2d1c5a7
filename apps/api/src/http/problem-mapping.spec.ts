import { StoreUnavailableError, StreamDeletedError, UnstorableEventError, WrongExpectedVersionError } from '@koproduktiv/event-store';
import { toProblem } from './problem-mapping';

describe('toProblem: the event store port\'s errors', () => {
  it.each([
    [new WrongExpectedVersionError('case-1', 2, 3), 409, 'COMMAND.CONCURRENT_WRITE'],
    [new StreamDeletedError('case-1'), 409, 'STREAM.DELETED'],
    [new StoreUnavailableError('down'), 503, 'STORE.UNAVAILABLE'],
    [new UnstorableEventError('\\u0000'), 400, 'REQUEST.UNSTORABLE'],
  ])('%s becomes %i %s', (error, status, code) => {
    expect(toProblem(error)).toMatchObject({ status, code });
  });

  it('names the deleted stream', () => {
    expect(toProblem(new StreamDeletedError('case-7')).extensions).toMatchObject({ streamId: 'case-7' });
  });
});
