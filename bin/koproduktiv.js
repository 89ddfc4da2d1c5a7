#!/usr/bin/env node
// `npx koproduktiv …` (the package's bin): the CLI, built first (npm run build) when dist/ is
// missing or older than a source file, as `npm run cli` would. Plain Node, no dependencies.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

if (
  !existsSync(cli) ||
  statSync(cli).mtimeMs < Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs')))
) {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
require(cli);
