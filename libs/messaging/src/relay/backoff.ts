/**
 * Exponential backoff with full jitter between failed publish attempts: a broker outage pauses the
 * relay for 0.5 s, 1 s, 2 s … up to maxMs, and the first success resets it. `wait()` can be
 * interrupted (on shutdown) so that a long pause never holds a stopping process.
 */
export class Backoff {
  private failures = 0;
  private interrupt: (() => void) | undefined;

  constructor(
    private readonly initialMs = 500,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  get consecutiveFailures(): number {
    return this.failures;
  }

  failed(): void {
    this.failures += 1;
  }

  succeeded(): void {
    this.failures = 0;
  }

  /** The pause before the next attempt: 0 after a success, else a random share of initial·2^(n-1), capped. */
  nextDelayMs(): number {
    if (this.failures === 0) return 0;
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures - 1, 30));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** Resolves after the pause, or at once when interrupted. */
  wait(): Promise<void> {
    const ms = this.nextDelayMs();
    if (ms === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.interrupt === done) self.interrupt = undefined;
        resolve();
      }
      this.interrupt = done;
    });
  }

  cancel(): void {
    this.interrupt?.();
  }
}
