import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/processes';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const pinned: string = pkg.devDependencies.node;
const major = (version: string) => Number(/(\d+)/.exec(version)?.[1]);

/** The project runs on the Node pinned as the `node` package, whatever Node the machine has. */
describe('the pinned Node', () => {
  it('is an exact, maintained LTS version that satisfies engines', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect([22, 24]).toContain(major(pinned));
    const [, minMajor, minMinor] = /^>=(\d+)\.(\d+)$/.exec(pkg.engines.node) ?? [];
    const [pinnedMajor, pinnedMinor] = pinned.split('.').map(Number);
    expect(
      pinnedMajor > Number(minMajor) || (pinnedMajor === Number(minMajor) && pinnedMinor >= Number(minMinor)),
    ).toBe(true);
  });

  it('runs these tests (jest and its workers start through npm scripts, which put node_modules/.bin first)', () => {
    expect(process.versions.node).toBe(pinned);
  });

  it('is what npm scripts run', () => {
    const printed = execFileSync('npm', ['exec', '--offline', '--', 'node', '--version'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(printed.trim()).toBe(`v${pinned}`);
  });

  it("runs the CLI as npx koproduktiv (the package's bin), on the pinned Node too", () => {
    expect(pkg.bin.koproduktiv).toBe('bin/koproduktiv.js');
    const help = execFileSync('npx', ['--offline', 'koproduktiv', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help).toMatch(/^Usage: koproduktiv <command>/);
    const printed = execFileSync('npx', ['--offline', '--', 'node', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(printed.trim()).toBe(`v${pinned}`);
  });

  it('may run its install script (npm 11 runs only those in allowScripts), and the image uses the same major version', () => {
    expect(pkg.allowScripts.node).toBe(true);
    const images = [...readFileSync(join(ROOT, 'infra/Dockerfile'), 'utf8').matchAll(/^FROM node:(\d+)/gm)].map((m) =>
      Number(m[1]),
    );
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([major(pinned)]));
  });
});
