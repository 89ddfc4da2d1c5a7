export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __kpPostgres?: { stop(): Promise<void> } }).__kpPostgres?.stop();
}
