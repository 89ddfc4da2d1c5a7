#!/usr/bin/env node
// Builds the console (apps/console, Vite) into dist/console, part of `npm run build` and so of
// `npm start`. Skipped when nothing it is built from changed since the last build (a hash of its
// sources, the lockfile and docs/METRICS.md), so a start with an up-to-date build stays fast.
// Writes dist/console/build-report.json: the size of its JavaScript, raw and gzipped.
const { createHash } = require('node:crypto');
const { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { gzipSync } = require('node:zlib');

const root = join(__dirname, '..');
const source = join(root, 'apps', 'console');
const out = join(root, 'dist', 'console');
const stamp = join(out, '.build-hash');

const files = (dir) =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

function inputsHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...files(source).sort(),
    join(root, 'package-lock.json'),
    join(root, 'docs', 'METRICS.md'),
    __filename,
  ];
  for (const file of inputs) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function report() {
  const assets = files(join(out, 'assets')).filter((file) => file.endsWith('.js'));
  const sizes = assets.map((file) => {
    const bytes = readFileSync(file);
    return { file: relative(out, file), bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  const total = (key) => sizes.reduce((sum, size) => sum + size[key], 0);
  return { javascript: { bytes: total('bytes'), gzipBytes: total('gzipBytes'), files: sizes } };
}

const hash = inputsHash();
const force = process.argv.includes('--force');
if (!force && existsSync(join(out, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash)
  process.exit(0);

async function main() {
  const started = Date.now();
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
  // Under jest (NODE_ENV=test, its globalSetup builds) Vite would bundle React's development build.
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: join(source, 'vite.config.mts'), mode: 'production', logLevel: 'warn' });
  copyFileSync(join(root, 'docs', 'METRICS.md'), join(out, 'METRICS.md.txt'));
  const built = report();
  writeFileSync(join(out, 'build-report.json'), `${JSON.stringify(built, null, 2)}\n`);
  writeFileSync(stamp, hash);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  process.stderr.write(
    `Console built in ${((Date.now() - started) / 1000).toFixed(1)} s: JavaScript ${kb(built.javascript.bytes)}, ${kb(built.javascript.gzipBytes)} gzipped (dist/console/build-report.json)\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`Building the console failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
