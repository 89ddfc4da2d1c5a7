import { GCProfiler } from 'node:v8';

export interface MemoryFigures {
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly baseRssMb: number;
  readonly baseHeapMb: number;
  /**
   * The largest heap right after a full (mark-compact) collection: what the work keeps alive, without
   * the garbage V8 lets pile up before collecting it. null when no full collection ran.
   */
  readonly liveHeapMb: number | null;
  /**
   * With `forceGcEveryMs` (and --expose-gc): the most the heap held above its start right after the
   * forced full collections, i.e. what the work itself kept alive at its fullest. Not left to when V8
   * happens to collect; the collections cost time, so such a run is not one to time.
   */
  readonly keptHeapMb?: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Runs `work` while sampling process.memoryUsage(); with --expose-gc the baseline is taken after a collection. */
export async function measured<T>(
  work: () => Promise<T>,
  { everyMs = 50, forceGcEveryMs }: { everyMs?: number; forceGcEveryMs?: number } = {},
): Promise<{ result: T; seconds: number; memory: MemoryFigures }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage();
  let keptHeap: number | undefined;
  const forced =
    gc && forceGcEveryMs
      ? setInterval(() => {
          gc();
          keptHeap = Math.max(keptHeap ?? 0, process.memoryUsage().heapUsed - base.heapUsed);
        }, forceGcEveryMs)
      : undefined;
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let liveHeap: number | null = null;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  // Heap statistics before and after every collection; after a full one, the heap is what is alive.
  const collections = new GCProfiler();
  collections.start();
  const timer = setInterval(sample, everyMs);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    sample();
    clearInterval(forced);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const gc of collections.stop()?.statistics ?? []) {
      if (gc.gcType === 'MarkSweepCompact') liveHeap = Math.max(liveHeap ?? 0, gc.afterGC.heapStatistics.usedHeapSize);
    }
    return {
      result,
      seconds,
      memory: {
        peakRssMb: mb(peakRss),
        peakHeapMb: mb(peakHeap),
        baseRssMb: mb(base.rss),
        baseHeapMb: mb(base.heapUsed),
        liveHeapMb: liveHeap === null ? null : mb(liveHeap),
        // None when the work ended before the first forced collection.
        ...(keptHeap !== undefined ? { keptHeapMb: mb(keptHeap) } : {}),
      },
    };
  } finally {
    clearInterval(timer);
    clearInterval(forced);
    collections.stop(); // a no-op when already stopped
  }
}
