// ESLint (flat config) for TypeScript and the few JavaScript files; `npm run lint` runs it with
// dependency-cruiser (.dependency-cruiser.js, the layer rules) and Prettier's check.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.test-data/',
      'coverage/',
      'reports/',
      '.stryker-tmp/',
      'bench/results/',
      'test/openapi-client/', // generated client and its caller, type-checked by their own tsconfig
      'apps/console/src/api/generated/', // openapi-typescript's output (npm run console:api-types)
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Type-aware, and cheap: a promise nobody awaits loses its error; an async callback where a
      // sync one is expected (an event handler, a filter) runs unobserved.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // prom-client calls a metric's collect() with the metric as `this`; `self` is the owner.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self'] }],
      // The input guards match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*spec.ts', '**/testing/**'],
    rules: {
      // Services log through pino; the CLI writes to process.stdout. Tests and benchmarks may print.
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*spec.ts', '**/testing/**/*.ts'],
    rules: {
      // Tests poke at untyped answers (JSON bodies, OpenAPI documents).
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['apps/*/src/config.ts', '**/*spec.ts', '**/testing/**'],
    rules: {
      // One boot-time configuration per app: its config.ts reads and validates the environment
      // before anything starts; libraries take typed options, never variable names.
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read the environment in the app's config.ts (libs/config validates it) and pass typed options.",
        },
      ],
    },
  },
  {
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/testing/**', 'libs/domain/src/**/*.spec.ts'],
    rules: {
      // The domain gets time with the command and randomness from nowhere (ARCHITECTURE.md).
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time comes in with the command.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'Time comes in with the command.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'The domain is deterministic.',
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'setTimeout', 'setInterval'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
);
