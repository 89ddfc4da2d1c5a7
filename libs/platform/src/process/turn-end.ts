/**
 * The stages of the work done at the end of a turn of the event loop, in their order: what feeds a
 * group (sealing the turn's personal data) before the groups it feeds (the store's group commit).
 */
export const TurnStage = { Prepare: 0, Send: 1 } as const;
export type TurnStage = (typeof TurnStage)[keyof typeof TurnStage];

const STAGES = Object.keys(TurnStage).length;

interface Batch {
  readonly order: number;
  readonly tasks: (() => void)[];
}

/**
 * Runs tasks once the current turn's I/O has been handled (setImmediate), each stage in a callback of
 * its own, so that the promise reactions of an earlier stage run before a later stage starts: a
 * command whose data the Prepare stage sealed still joins the same turn's group commit. A later
 * stage's callback has to be queued before the turn's check phase begins (one queued during it runs
 * a whole turn later, which measurably slowed commands down), so scheduling a stage also queues
 * every later stage behind it.
 */
export class TurnEnd {
  private readonly open: (Batch | undefined)[] = new Array(STAGES).fill(undefined);
  private queued = 0;

  /** `fail` hears the first error of a batch whose tasks threw, after all of them ran (by default it is thrown). */
  constructor(private readonly fail: (error: unknown) => void = rethrow) {}

  schedule(stage: TurnStage, task: () => void): void {
    const batch = (this.open[stage] ??= this.queue(stage));
    for (let later = stage + 1; later < STAGES; later++) {
      const waiting = this.open[later];
      if (!waiting || waiting.order < batch.order) this.open[later] = this.queue(later);
    }
    batch.tasks.push(task);
  }

  private queue(stage: number): Batch {
    const batch: Batch = { order: ++this.queued, tasks: [] };
    setImmediate(() => {
      if (this.open[stage] === batch) this.open[stage] = undefined;
      const failure = runAll(batch.tasks);
      if (failure) this.fail(failure.error);
    });
    return batch;
  }
}

/** A task that throws does not keep the others from running; the first error is answered. */
function runAll(tasks: readonly (() => void)[]): { error: unknown } | undefined {
  let failure: { error: unknown } | undefined;
  for (const task of tasks) {
    try {
      task();
    } catch (error) {
      failure ??= { error };
    }
  }
  return failure;
}

const rethrow = (error: unknown): never => {
  throw error;
};

/** The process's one: stages only order work that shares it. */
export const turnEnd = new TurnEnd();
