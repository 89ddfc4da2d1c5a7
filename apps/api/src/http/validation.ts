import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, invalidRequest } from './problem-error';

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Unknown fields are rejected, not dropped: a typo in a field name must not silently lose data. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return invalidRequest(
        `${fieldErrors.length} field(s) are invalid: ${fieldErrors.map((e) => e.field).join(', ')}`,
        fieldErrors,
      );
    },
  });
