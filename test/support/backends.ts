/** Says loudly which real backend a suite runs against, so a run's log shows what was proven. */
export function describeBackend(name: string, where: string): void {
  process.stdout.write(`\n[backends] ${name}: ${where}\n`);
}
