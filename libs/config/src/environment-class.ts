import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Environment } from './config-error';

const blank = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() === '');

/** class-transformer's conversions of variables, which are text or unset. */
export const toNumber = ({ value }: { value: unknown }) => (blank(value) ? undefined : Number(value));
/** A number, or `fallback` where the variable is blank (set to nothing, as unset). */
export const numberOr =
  (fallback: number) =>
  ({ value }: { value: unknown }) =>
    blank(value) ? fallback : Number(value);
export const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * The variables `keys` of `env` as an instance of a class-validator class (its initialisers are the
 * defaults), and a line for each that is wrong: `NAME=<value as given>: <what it must be>`.
 */
export function fromEnvironment<T extends object>(
  type: new () => T,
  keys: readonly string[],
  env: Environment,
  shown: (key: string) => string = (key) => JSON.stringify(env[key]),
): { config: T; problems: string[] } {
  const input = Object.fromEntries(keys.filter((key) => env[key] !== undefined).map((key) => [key, env[key]]));
  const config = plainToInstance(type, input);
  const problems = validateSync(config).map(
    (error) =>
      `${error.property}=${shown(error.property)}: ${[...new Set(Object.values(error.constraints ?? {}).reverse())].join('; ')}`,
  );
  return { config, problems };
}
