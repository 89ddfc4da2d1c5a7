/**
 * Mutation testing (npm run test:mutation; not part of npm test). One target per run, chosen by
 * KP_MUTATION_TARGET; scripts/mutation-testing.js runs them one after another. Each target names the
 * code it mutates and the tests that may kill its mutants (Stryker runs only the tests that cover a
 * mutant, but the first, unmutated run takes them all).
 */
const targets = {
  domain: {
    mutate: ['libs/domain/src/**/*.ts'],
    tests: ['<rootDir>/libs/domain/src/**/*.spec.ts'], // not test/domain-purity.spec.ts: it reads the source text, which Stryker rewrites
  },
  metrics: {
    mutate: ['libs/metrics/src/**/*.ts'],
    tests: ['<rootDir>/libs/metrics/**/*.spec.ts'],
  },
  'event-store': {
    mutate: [
      'libs/event-store/src/hash-chain/**/*.ts',
      'libs/event-store/src/in-memory/**/*.ts',
      'libs/platform/src/idempotency/**/*.ts',
      'libs/application/src/commands/command-executor.ts',
    ],
    // The in-memory adapter runs the contract suite in milliseconds; the PostgreSQL adapter's SQL is
    // mutation-tested poorly by Stryker (it does not mutate inside SQL text) and its suite is slow.
    tests: [
      '<rootDir>/libs/event-store/src/{hash-chain,in-memory}/**/*.spec.ts',
      '<rootDir>/libs/platform/src/idempotency/**/*.spec.ts',
      '<rootDir>/libs/application/src/commands/**/*.spec.ts',
      '<rootDir>/libs/application/src/commands/**/*.int-spec.ts',
    ],
  },
  queries: {
    mutate: ['libs/projections/src/queries/read-model-queries.ts'],
    tests: [
      '<rootDir>/libs/projections/src/queries/**/*.spec.ts',
      '<rootDir>/test/e2e/tenant-isolation.e2e-spec.ts',
      '<rootDir>/test/e2e/metrics.e2e-spec.ts',
    ],
  },
};

const name = process.env.KP_MUTATION_TARGET ?? 'domain';
const target = targets[name];
if (!target) throw new Error(`KP_MUTATION_TARGET must be one of ${Object.keys(targets).join(', ')}`);
/** Part of a target only (comma-separated globs), when the whole does not fit the time there is; its reports are named after the part. */
const part = process.env.KP_MUTATION_PART;
const mutate = part ? part.split(',') : target.mutate;
const report = part ? `${name}-${part.replace(/[^A-Za-z0-9]+/g, '_')}` : name;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    configFile: 'jest.mutation.config.js',
    config: { testMatch: target.tests, roots: ['<rootDir>/libs', '<rootDir>/test'] },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  mutate: [...mutate, '!**/*spec.ts', '!**/testing/**', '!**/index.ts'],
  concurrency: Number(process.env.KP_MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 5_000,
  // scripts/mutation-testing.js gives each run a directory of its own, removed when the run ends or is stopped.
  tempDirName: process.env.KP_MUTATION_TEMP_DIR ?? '.stryker-tmp',
  // `npm run test:mutation -- metrics --incremental` re-tests only mutants whose code or tests changed.
  incrementalFile: `reports/mutation/${report}.incremental.json`,
  ignorePatterns: ['dist', '.data', '.test-data', 'coverage', 'reports', 'bench/results', '.stryker-tmp'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  thresholds: { high: 90, low: 85, break: null },
};
