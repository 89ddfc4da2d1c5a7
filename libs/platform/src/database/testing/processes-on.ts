import { readdirSync, readFileSync } from 'node:fs';

/**
 * The processes whose command line names `dir` (a PostgreSQL server or initdb on that cluster),
 * as `pid command`, from /proc: what a test expects to be gone once a start has failed or stopped.
 */
export function processesOn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (command.includes(dir)) found.push(`${entry} ${command}`);
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}
