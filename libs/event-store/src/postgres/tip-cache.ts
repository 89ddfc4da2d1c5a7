import type { StreamTip } from '../hash-chain';

/**
 * The last known tip (version and hash) of recently read or written streams. It only ever enables
 * the one-round-trip append; the database checks the tip under lock, so a stale entry costs a
 * conflict, never a wrong append.
 */
export class TipCache {
  private readonly tips = new Map<string, StreamTip>();

  constructor(private readonly capacity = 10_000) {}

  get(tenant: string, streamId: string): StreamTip | undefined {
    return this.tips.get(key(tenant, streamId));
  }

  set(tenant: string, streamId: string, tip: StreamTip): void {
    const id = key(tenant, streamId);
    this.tips.delete(id);
    this.tips.set(id, tip);
    if (this.tips.size > this.capacity) this.tips.delete(this.tips.keys().next().value as string);
  }

  forget(tenant: string, streamId: string): void {
    this.tips.delete(key(tenant, streamId));
  }
}

const key = (tenant: string, streamId: string) => `${tenant}\u0000${streamId}`;
