/**
 * SIGINT and SIGTERM, taken from the first moment (a process's entry point imports this module
 * before anything else): a stop signal while the API or the projector is still starting is kept and
 * acted on once it has started (it then stops as usual, its PostgreSQL with it); another one a
 * second or more later ends the process at once, which still tells a started PostgreSQL to stop
 * (see startEmbeddedPostgres). Within that second it is the same Ctrl-C: npm passes on to the
 * service the SIGINT the terminal sent to both.
 */
let stop: ((signal: NodeJS.Signals) => void) | undefined;
let requested: { signal: NodeJS.Signals; at: number } | undefined;

const onStopSignal = (signal: NodeJS.Signals) => {
  if (stop) return stop(signal);
  if (requested && Date.now() - requested.at >= 1000) process.exit(130);
  requested ??= { signal, at: Date.now() };
};
process.on('SIGINT', onStopSignal);
process.on('SIGTERM', onStopSignal);

/** Called once the process runs: from now on a stop signal calls `handler`, at once if one came already. */
export function whenStopSignalled(handler: (signal: NodeJS.Signals) => void): void {
  stop = handler;
  if (requested) handler(requested.signal);
}
