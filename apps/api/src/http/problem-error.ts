/** One invalid input, named by its path in the request (e.g. `contact.email`). */
export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

/**
 * An error meant for the client, rendered as RFC 9457 problem+json. `code` is stable and documented;
 * `title` is short and fixed per code; `detail` explains this occurrence.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }
}

export const invalidRequest = (detail: string, errors: readonly FieldError[] = []) =>
  new ProblemError(400, 'REQUEST.INVALID', 'The request is invalid', detail, errors.length ? { errors } : {});
