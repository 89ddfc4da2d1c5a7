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
      'libs/event-store/src/postgres/postgres-event-store.ts',
      'libs/event-store/src/postgres/tip-appends.ts',
      'libs/event-store/src/postgres/call-grouper.ts',
      'libs/event-store/src/postgres/tip-cache.ts',
      'libs/event-store/src/postgres/row-mapping.ts',
      'libs/event-store/src/in-memory/**/*.ts',
      'libs/event-store/src/port/**/*.ts',
      'libs/platform/src/idempotency/**/*.ts',
      'libs/runtime/src/commands/command-executor.ts',
    ],
    tests: [
      '<rootDir>/libs/event-store/src/{hash-chain,postgres,in-memory,port}/**/*.spec.ts',
      '<rootDir>/libs/event-store/src/*.spec.ts',
      '<rootDir>/libs/runtime/src/commands/**/*.spec.ts',
    ],
  },
  queries: {
    mutate: ['libs/projections/src/queries/read-model-queries.ts'],
    tests: ['<rootDir>/libs/projections/src/queries/**/*.spec.ts', '<rootDir>/test/e2e/tenant-isolation.e2e-spec.ts', '<rootDir>/test/e2e/metrics.e2e-spec.ts'],
  },
};

const name = process.env.KP_MUTATION_TARGET ?? 'domain';
const target = targets[name];
if (!target) throw new Error(`KP_MUTATION_TARGET must be one of ${Object.keys(targets).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    configFile: 'jest.mutation.config.js',
    config: { testMatch: target.tests, roots: ['<rootDir>/libs', '<rootDir>/test'] },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  mutate: [...target.mutate, '!**/*.spec.ts', '!**/testing/**', '!**/index.ts'],
  concurrency: Number(process.env.KP_MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', '.data', '.test-data', 'coverage', 'reports', 'bench/results'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 85, break: null },
};
