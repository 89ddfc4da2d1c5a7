import { StoreUnavailableError, StreamDeletedError, UnstorableEventError, WrongExpectedVersionError } from '@koproduktiv/event-store';
import { DomainError } from '@koproduktiv/domain';
import { problemBody, toProblem } from './problem-mapping';

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

describe("toProblem: Fastify's router refusals", () => {
  it.each([
    ['FST_ERR_BAD_URL', 400, 'REQUEST.INVALID'],
    ['FST_ERR_MAX_PARAM_LENGTH', 414, 'REQUEST.TOO_LARGE'],
  ])('%s becomes %i %s', (code, status, problemCode) => {
    expect(toProblem(Object.assign(new Error('refused'), { code }))).toMatchObject({ status, code: problemCode });
  });
});

describe('problemBody', () => {
  it("keeps its own members when a domain error's details use the same names", () => {
    const error = new DomainError('COMMITMENT.NOT_OPEN', 'not open', 'rule_violated', { status: 'fulfilled', code: 'x', commitmentId: 'c-1' });
    expect(problemBody(toProblem(error), '/v1/commands/FulfilCommitment', 'corr-1')).toMatchObject({
      status: 409,
      code: 'COMMITMENT.NOT_OPEN',
      commitmentId: 'c-1',
      instance: '/v1/commands/FulfilCommitment',
    });
  });
});
