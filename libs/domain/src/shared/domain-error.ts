/**
 * `not_found`: the command needs a stream that does not exist (HTTP 404).
 * `rule_violated`: a rule of DOMAIN.md forbids the command in the current state (HTTP 409).
 */
export type DomainErrorKind = 'not_found' | 'rule_violated';

/** A rejected command. `code` is stable (e.g. `CASE.CLOSED`) and part of the public contract. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'rule_violated',
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
