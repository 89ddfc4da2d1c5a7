/*
 * Jest as Stryker runs it (npm run test:mutation): the project's configuration, without the build
 * and the PostgreSQL start of the global setup, which would otherwise run again for every mutant.
 * scripts/mutation-testing.js starts one PostgreSQL for the whole run and passes its URL on.
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  globalSetup: '<rootDir>/test/support/mutation-global-setup.js',
  globalTeardown: undefined,
};
