/**
 * The layer rules, checked on every import of every file, specs included (`npm run lint`).
 *
 * Libraries, from the bottom up. A library imports only libraries of lower layers, never one of its
 * own layer or above; apps/ sit on top of all of them, test/ and bench/ beside the apps.
 *
 *   config                        the environment: every variable a process reads, validated, turned into
 *                                 the typed options of the libraries below (each app's config.ts calls it)
 *   projector | runtime           what follows the store in a deployment (read models, process manager,
 *                                 relay, schedules) | wiring of a process (database, store, keys, tokens)
 *   projections | messaging       consumers of the store's global order, siblings that ignore each other
 *   application | subscriptions   the command path, which speaks no HTTP | processors, checkpoints, their host
 *   personal-data                 the event codec: sealing, data keys, upcasting
 *   event-store | metrics         the store port and its adapters | METRICS.md as pure functions
 *   domain | platform             pure deciders | auth, database, logging, observability
 */
const LAYERS = [
  ['domain', 'platform'],
  ['event-store', 'metrics'],
  ['personal-data'],
  ['application', 'subscriptions'],
  ['projections', 'messaging'],
  ['projector', 'runtime'],
  ['config'],
];

/** A library's public entry points: the files its @koproduktiv/… names map to in tsconfig.json. */
const ENTRY_POINTS = Object.values(require('./tsconfig.json').compilerOptions.paths)
  .flat()
  .filter((file) => file.startsWith('./libs/'))
  .map((file) => `^${file.replace(/^\.\//, '').replace(/\./g, '\\.')}$`);

const layerOf = (lib) => LAYERS.findIndex((layer) => layer.includes(lib));
const notBelow = (lib) => LAYERS.slice(layerOf(lib)).flat();
const SPEC = '(^|/)[^/]+\\.(spec|int-spec|e2e-spec)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-itself',
      comment: 'libs/domain is pure: no framework, no node: modules, no other library (its tests may read files).',
      severity: 'error',
      from: { path: '^libs/domain/src/' },
      to: { pathNot: '^libs/domain/src/' },
    },
    ...LAYERS.flat()
      .filter((lib) => notBelow(lib).length > 1)
      .map((lib) => ({
        name: `layer-${lib}`,
        comment: `libs/${lib} imports only libraries of lower layers (see the picture at the top of this file).`,
        severity: 'error',
        from: { path: `^libs/${lib}/` },
        to: {
          path: `^libs/(${notBelow(lib)
            .filter((other) => other !== lib)
            .join('|')})/`,
        },
      })),
    {
      name: 'application-speaks-no-http',
      comment:
        'The command path answers with typed errors (DomainError, CommandRejected); HTTP statuses are chosen in apps/api (problem-mapping.ts), so the CLI and the process manager share it.',
      severity: 'error',
      from: { path: '^libs/application/' },
      to: { path: ['^(node:)?https?$', '^node_modules/(fastify|@fastify|@nestjs|undici)/', '^apps/api/'] },
    },
    {
      name: 'libs-not-apps',
      comment: 'Libraries never import an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-each-other',
      comment: 'An app does not import another app; what they share belongs in a library.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'console-speaks-http-only',
      comment: 'The web console uses only the public HTTP API (ARCHITECTURE.md): it imports no library.',
      severity: 'error',
      from: { path: '^apps/console/' },
      to: { path: '^libs/' },
    },
    {
      name: 'nothing-imports-bench',
      comment: 'Benchmarks use the code and the test fixtures; nothing uses the benchmarks.',
      severity: 'error',
      from: { pathNot: '^bench/' },
      to: { path: '^bench/' },
    },
    {
      name: 'production-not-tests',
      comment: 'Code that ships imports no test support and no fixtures (the build leaves them out).',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: [SPEC, '/testing/'] },
      to: { path: ['^test/', '/testing/'] },
    },
    {
      name: 'libs-by-their-name',
      comment:
        'Another library is imported by its name (@koproduktiv/x, @koproduktiv/x/testing), never by a path into its src/.',
      severity: 'error',
      from: { path: '^(apps|test|bench|scripts|libs/([^/]+))/' },
      to: { path: '^libs/', pathNot: '^libs/$2/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'test-support-by-its-name',
      comment:
        "A library's database-backed specs reach the test backends as @koproduktiv/test-support/…, not by a path out of the library.",
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^test/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'only-public-entry-points',
      comment: "A library's public surface is what its names in tsconfig.json map to; nothing reaches past it.",
      severity: 'error',
      from: { path: '^(apps|test|bench|libs/([^/]+))/' },
      to: { path: '^libs/', pathNot: ['^libs/$2/', ...ENTRY_POINTS] },
    },
    {
      name: 'framework-free-libs',
      comment: "Libraries know no NestJS: what runs them is an app's business.",
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^node_modules/@nestjs/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make the load order matter (cycles through type-only imports vanish at run time).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'An import that resolves to nothing is a typo or a missing dependency. The typed OpenAPI client is generated by its test (test/e2e/openapi-client.e2e-spec.ts) before it is compiled, so on a fresh checkout it does not exist yet.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^\\./generated/koproduktiv-api$' },
    },
    {
      name: 'not-to-dev-dep',
      comment:
        'Code that ships does not need a devDependency at run time. apps/console is bundled at build time: its packages are devDependencies.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: [SPEC, '/testing/', '^apps/console/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.stryker-tmp|reports|coverage|test/openapi-client/generated)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
