#!/usr/bin/env node
// Runs before `npm start`, `npm test` and `npm run lint`: on a fresh checkout (or one whose lock file
// changed since the last install), installs the locked dependencies first. Plain Node, no dependencies.
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  process.stderr.write('Installing dependencies (npm ci)…\n');
  require('./npm-ci');
}
