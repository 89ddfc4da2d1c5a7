import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { whereIsMarkdown } from './where-is';

const FILE = join(__dirname, '..', '..', 'docs', 'WHERE-IS.md');

describe('docs/WHERE-IS.md', () => {
  const generated = whereIsMarkdown();
  if (process.env.KP_UPDATE_DOCS === '1') writeFileSync(FILE, generated);

  it('names a DTO, a decider file and at least one event for every command', () => {
    expect(generated).not.toMatch(/\(not found\)|\(none found\)|DTO: \(none\)/);
  });

  it('is what the domain catalogue generates today (npm run docs:where-is rewrites it)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });
});
