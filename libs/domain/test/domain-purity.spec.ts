/** libs/domain stays pure: no framework, no node: modules, no clock, no randomness (ARCHITECTURE.md). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', 'src');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === 'testing'
        ? []
        : sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
        ? [join(dir, entry.name)]
        : [],
  );

describe('libs/domain purity', () => {
  const files = sourceFiles(root);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    '%s imports only relative modules and reads no clock',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((spec) => !spec.startsWith('.'))).toEqual([]);
      expect(text).not.toMatch(/new Date\(|Date\.now\(|Math\.random\(|process\.|require\(/);
    },
  );

  it('every error code is asserted in some spec', () => {
    const specText = [root, join(__dirname)]
      .flatMap((dir) => allSpecFiles(dir))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DOMAIN_ERROR_CODES } = require('../src/errors') as typeof import('../src/errors');
    const untested = DOMAIN_ERROR_CODES.filter((code) => !specText.includes(`'${code}'`));
    expect(untested).toEqual([]);
  });
});

function allSpecFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? allSpecFiles(join(dir, entry.name))
      : entry.name.endsWith('.spec.ts') && entry.name !== 'domain-purity.spec.ts' && entry.name !== 'catalog.spec.ts'
        ? [join(dir, entry.name)]
        : [],
  );
}
