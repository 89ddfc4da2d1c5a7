import { DatabaseError } from 'pg';
import {
  StoreUnavailableError,
  StreamDeletedError,
  UnstorableEventError,
  WrongExpectedVersionError,
} from '@koproduktiv/event-store';
import { DomainError } from '@koproduktiv/domain';
import {
  concurrentWriteLost,
  idempotencyKeyReused,
  occurredAtInFuture,
  versionMismatch,
} from '@koproduktiv/application';
import { tokenWithoutExpiry, unauthorized } from '@koproduktiv/platform';
import { problemBody, toProblem } from './problem-mapping';

describe("toProblem: the command path's refusals, the one place that gives them HTTP statuses", () => {
  it.each([
    [occurredAtInFuture(new Date('2031-01-01'), new Date('2030-01-01')), 400, 'COMMAND.OCCURRED_AT_IN_FUTURE'],
    [versionMismatch('case-1', 3, 5), 412, 'COMMAND.VERSION_MISMATCH'],
    [concurrentWriteLost('case-1'), 409, 'COMMAND.CONCURRENT_WRITE'],
    [idempotencyKeyReused('k-1'), 422, 'IDEMPOTENCY.KEY_REUSED'],
  ])('%s becomes %i %s', (error, status, code) => {
    expect(toProblem(error)).toMatchObject({ status, code, title: error.title, detail: error.message });
    expect(toProblem(error).extensions).toEqual(error.details);
  });

  it('answers a lost race the same whether the executor or the store reports it', () => {
    const fromStore = toProblem(new WrongExpectedVersionError('case-1', 2, 3));
    expect(fromStore).toEqual(toProblem(concurrentWriteLost('case-1')));
  });
});

describe("toProblem: the event store port's errors", () => {
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
    const error = new DomainError('COMMITMENT.NOT_OPEN', 'not open', 'rule_violated', {
      status: 'fulfilled',
      code: 'x',
      commitmentId: 'c-1',
    });
    expect(problemBody(toProblem(error), '/v1/commands/FulfilCommitment', 'corr-1')).toMatchObject({
      status: 409,
      code: 'COMMITMENT.NOT_OPEN',
      commitmentId: 'c-1',
      instance: '/v1/commands/FulfilCommitment',
    });
  });
});

describe('toProblem: PostgreSQL out of reach, wherever it is used (idempotency keys, read models, audit)', () => {
  const withCode = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);
  const sqlState = (message: string, code: string) => Object.assign(new DatabaseError(message, 0, 'error'), { code });
  it.each([
    ['refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', syscall: 'connect' })],
    [
      'a unix socket gone',
      withCode('connect ENOENT /data/postgres/.s.PGSQL.5432', { code: 'ENOENT', syscall: 'connect' }),
    ],
    ['a connection broken mid-query', new Error('Connection terminated unexpectedly')],
    ['no connection within the pool timeout', new Error('timeout exceeded when trying to connect')],
    ['the server shutting down', sqlState('terminating connection due to administrator command', '57P01')],
    ['the server starting up', sqlState('the database system is starting up', '57P03')],
    ['too many connections', sqlState('sorry, too many clients already', '53300')],
    [
      'a refusal wrapped as a cause',
      new Error('query failed', { cause: withCode('connect ECONNREFUSED', { code: 'ECONNREFUSED' }) }),
    ],
    [
      'every address refused',
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' })]),
    ],
  ])('%s becomes 503 STORE.UNAVAILABLE', (_, error) => {
    expect(toProblem(error)).toMatchObject({
      status: 503,
      code: 'STORE.UNAVAILABLE',
      extensions: { retryAfterSeconds: 2 },
    });
  });

  it('leaves a statement the server refused, and a missing file, to be reported as the failures they are', () => {
    expect(toProblem(sqlState('duplicate key value', '23505'))).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(
      toProblem(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' })),
    ).toMatchObject({ status: 500 });
  });
});

describe('toProblem: a table that does not exist', () => {
  const undefinedTable = (relation: string) =>
    Object.assign(new DatabaseError(`relation "${relation}" does not exist`, 0, 'error'), { code: '42P01' });

  it.each(['rm_cases', 'rm_fund_events_g3', 'kp_read_model_generation', 'kp_checkpoints'])(
    'is 503 PROJECTIONS.NOT_READY when it is a read model of the projector (%s)',
    (relation) => {
      expect(toProblem(undefinedTable(relation))).toMatchObject({
        status: 503,
        code: 'PROJECTIONS.NOT_READY',
        extensions: { retryAfterSeconds: 2 },
      });
    },
  );

  it('is 500 when it is anything else (a fault, not a matter of waiting)', () => {
    expect(toProblem(undefinedTable('kp_events'))).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(toProblem(undefinedTable('rm_casesx'))).toMatchObject({ status: 500 });
  });
});

describe('toProblem: a refused bearer token', () => {
  it.each([
    [unauthorized('The token has no subject (sub)'), 'AUTH.UNAUTHENTICATED'],
    [tokenWithoutExpiry(), 'AUTH.TOKEN_WITHOUT_EXPIRY'],
  ])('%s becomes 401 %s with its detail', (error, code) => {
    expect(toProblem(error)).toMatchObject({ status: 401, code, detail: error.detail });
  });
});
