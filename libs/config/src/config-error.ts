/** The variables a process was started with (process.env, read by each app's config module only). */
export type Environment = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    heading = 'Invalid configuration',
  ) {
    super(`${heading}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads each section of a configuration in order and returns them all, or throws one ConfigError
 * with the problems of every section, so an operator fixes them in one go. A section's loader sees
 * the sections read before it (absent where one failed).
 */
export function readSections<T extends object>(loaders: {
  [K in keyof T]: (before: Partial<T>) => T[K];
}): T {
  const read: Partial<T> = {};
  const problems: string[] = [];
  for (const key of Object.keys(loaders) as (keyof T)[]) {
    try {
      read[key] = loaders[key](read);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return read as T;
}

/** For a process's entry point: the configuration, or its problems on stderr and exit code 2 — before anything has started. */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
