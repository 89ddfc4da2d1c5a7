import { DomainError } from './domain-error';

describe('DomainError', () => {
  it('is a rule violation (HTTP 409) unless it says the stream was not found', () => {
    expect(new DomainError('CASE.CLOSED', 'Case is closed')).toMatchObject({
      name: 'DomainError',
      code: 'CASE.CLOSED',
      message: 'Case is closed',
      kind: 'rule_violated',
    });
    expect(new DomainError('CASE.NOT_FOUND', 'No such case', 'not_found').kind).toBe('not_found');
  });
});
