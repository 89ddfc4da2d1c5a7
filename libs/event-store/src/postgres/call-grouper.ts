import { TurnEnd, turnEnd, TurnStage } from '@koproduktiv/platform';

/** A group under way: one outcome per item, and the work whose end frees the group's slot. */
export interface GroupRun<O> {
  readonly outcomes: readonly Promise<O>[];
  readonly slot: Promise<unknown>;
}

interface Waiting<I, O> {
  readonly item: I;
  readonly resolve: (outcome: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit without a timer: items submitted in the same turn of the event loop, and those that
 * arrive while `maxInFlight` groups are being run, go out together as the next group. A lone item on
 * a quiet system is sent at once (at the end of the current turn, after what the turn's Prepare
 * stage finished), so grouping adds no waiting of its own.
 */
export class CallGrouper<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  /** `run` answers each of a group's items, in their order, and says when the group's slot is free again. */
  constructor(
    private readonly run: (items: readonly I[]) => GroupRun<O>,
    private readonly maxInFlight: number,
    private readonly maxGroup: number,
    private readonly turn: TurnEnd = turnEnd,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.waiting.length === 0) return;
    this.scheduled = true;
    this.turn.schedule(TurnStage.Send, () => {
      this.scheduled = false;
      this.send();
    });
  }

  private send(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxGroup);
      this.inFlight += 1;
      const { slot, outcomes } = this.run(group.map((w) => w.item));
      group.forEach((w, i) => outcomes[i].then(w.resolve, w.reject));
      slot
        .catch(() => undefined)
        .finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
    }
  }
}
