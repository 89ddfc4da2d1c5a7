/**
 * Progress on stderr: a redrawn bar when stderr is a terminal, otherwise a plain line every few
 * seconds (logs of CI jobs and cron stay readable). Results go to stdout, never here.
 */
export class Progress {
  private readonly tty: boolean;
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit: string,
    private readonly options: { quiet?: boolean; intervalMs?: number; stream?: NodeJS.WriteStream } = {},
  ) {
    this.tty = Boolean((options.stream ?? process.stderr).isTTY);
  }

  update(done: number): void {
    if (this.options.quiet) return;
    const now = Date.now();
    const interval = this.options.intervalMs ?? (this.tty ? 100 : 5000);
    if (now - this.lastDraw < interval) return;
    this.lastDraw = now;
    this.draw(done);
  }

  finish(done: number): void {
    if (this.options.quiet) return;
    this.draw(done);
    if (this.tty) this.write('\n');
  }

  private draw(done: number): void {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const share = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const figures = `${done.toLocaleString('en')}/${this.total.toLocaleString('en')} ${this.unit}  ${rate.toLocaleString('en')} ${this.unit}/s  ${seconds.toFixed(1)} s`;
    if (this.tty) {
      const width = 30;
      const filled = Math.round(share * width);
      this.write(
        `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${figures}\u001b[K`,
      );
    } else {
      this.write(`${this.label}: ${(share * 100).toFixed(0)}%  ${figures}\n`);
    }
  }

  private write(text: string): void {
    if (text) (this.options.stream ?? process.stderr).write(text);
  }
}
