/*
 * Unit specs only (npm run test:unit): `*.spec.ts` under apps/ and libs/, without the build and the
 * PostgreSQL of the global setup. Database-backed specs are `*.int-spec.ts` (npm run test:int), the
 * end-to-end and process tests under test/ are `*.e2e-spec.ts`; `npm test` runs them all.
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.spec.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
