import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.(spec|e2e-spec)\.ts$/.test(entry) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((match) => match[1] ?? match[2] ?? match[3]);
}

const libs = readdirSync(join(ROOT, 'libs'));

/** The layer rules of ARCHITECTURE.md, checked on every import of every non-test source file. */
describe('layering', () => {
  it.each(libs)('libs/%s imports nothing from apps/', (lib) => {
    const offending = sourceFiles(join(ROOT, 'libs', lib)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /(^|\/)apps\//.test(spec))
        .map((spec) => `${relative(ROOT, file)} -> ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it.each(
    ['domain', 'event-store', 'subscriptions', 'metrics', 'projections', 'messaging'].filter((lib) =>
      libs.includes(lib),
    ),
  )('libs/%s does not depend on NestJS', (lib) => {
    const offending = sourceFiles(join(ROOT, 'libs', lib)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('@nestjs/'))
        .map((spec) => `${relative(ROOT, file)} -> ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('libs/domain imports only itself: no framework, no node: modules, no other lib', () => {
    const offending = sourceFiles(join(ROOT, 'libs', 'domain', 'src'))
      .filter((file) => !file.includes(`${join('src', 'testing')}`))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => !spec.startsWith('.'))
          .map((spec) => `${relative(ROOT, file)} -> ${spec}`),
      );
    expect(offending).toEqual([]);
  });

  it('apps do not import each other', () => {
    const apps = readdirSync(join(ROOT, 'apps'));
    const offending = apps.flatMap((app) =>
      sourceFiles(join(ROOT, 'apps', app)).flatMap((file) =>
        importsOf(file)
          .filter((spec) =>
            apps.some((other) => other !== app && new RegExp(`apps/${other}/|\\.\\./\\.\\./${other}/`).test(spec)),
          )
          .map((spec) => `${relative(ROOT, file)} -> ${spec}`),
      ),
    );
    expect(offending).toEqual([]);
  });
});
