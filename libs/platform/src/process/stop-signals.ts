import { killStartHelpers, runningStartHelpers, stopStartHelpers } from './start-helpers';

/** The exit code of a process whose start a second stop signal gave up (README, "Stopping"). */
export const STOPPED_WHILE_STARTING_EXIT_CODE = 130;

/** How long the helpers of a start that is given up have to stop before they are killed. */
const HELPERS_GRACE_MS = 10_000;
/** How long, once its helpers are gone, the start has to fail and clean up (its temporary files). */
const START_SETTLE_MS = 2000;

let stop: ((signal: NodeJS.Signals) => void) | undefined;
let requested: { signal: NodeJS.Signals; at: number } | undefined;
let givenUp: { at: number; settled: () => void; hasSettled: Promise<void> } | undefined;

/**
 * SIGINT and SIGTERM, taken from the first moment (a process's entry point imports this module
 * before anything else): a stop signal while the API or the projector is still starting is kept and
 * acted on once it has started (it then stops as usual, its PostgreSQL with it). Another one a
 * second or more later gives the start up: what it has spawned so far (initdb, the embedded
 * PostgreSQL, in process groups of their own that a terminal's Ctrl-C does not reach) is stopped,
 * then the process exits 130; a third one, again a second or more later, kills those helpers and
 * exits 130 at once. Within that second it is the same Ctrl-C: npm passes on to the service the
 * SIGINT the terminal sent to both.
 */
const sameCtrlC = (at: number) => Date.now() - at < 1000;

const onStopSignal = (signal: NodeJS.Signals) => {
  if (givenUp) {
    if (!sameCtrlC(givenUp.at)) endAtOnce();
    return;
  }
  if (stop) return stop(signal);
  if (requested && !sameCtrlC(requested.at)) return void giveUpStart();
  requested ??= { signal, at: Date.now() };
};
process.on('SIGINT', onStopSignal);
process.on('SIGTERM', onStopSignal);

async function giveUpStart(): Promise<void> {
  let settled = () => undefined as void;
  const hasSettled = new Promise<void>((resolve) => (settled = resolve));
  givenUp = { at: Date.now(), settled, hasSettled };
  const helpers = runningStartHelpers();
  if (helpers.length) {
    process.stderr.write(
      `Stopping while starting: ${helpers.join(', ')} told to stop; another Ctrl-C a second from now ends at once\n`,
    );
    await stopStartHelpers(HELPERS_GRACE_MS);
    await Promise.race([hasSettled, new Promise((resolve) => setTimeout(resolve, START_SETTLE_MS).unref())]);
  }
  process.exit(STOPPED_WHILE_STARTING_EXIT_CODE);
}

function endAtOnce(): void {
  const helpers = runningStartHelpers();
  killStartHelpers();
  if (helpers.length) process.stderr.write(`Stopped at once: ${helpers.join(', ')} killed\n`);
  process.exit(STOPPED_WHILE_STARTING_EXIT_CODE);
}

/** Called once the process runs: from now on a stop signal calls `handler`, at once if one came already. */
export function whenStopSignalled(handler: (signal: NodeJS.Signals) => void): void {
  stop = handler;
  if (givenUp) return givenUp.settled(); // the start was given up meanwhile: that stop ends the process
  if (requested) handler(requested.signal);
}

/**
 * For the entry point's catch: a start that failed because a stop gave it up (its helpers were
 * stopped under it) is not reported; that stop ends the process with exit code 130.
 */
export function unlessStartGivenUp(report: (error: unknown) => void): (error: unknown) => void {
  return (error) => (givenUp ? givenUp.settled() : report(error));
}
