export interface MemoryFigures {
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly baseRssMb: number;
  readonly baseHeapMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Runs `work` while sampling process.memoryUsage(); with --expose-gc the baseline is taken after a collection. */
export async function measured<T>(work: () => Promise<T>, everyMs = 50): Promise<{ result: T; seconds: number; memory: MemoryFigures }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, everyMs);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    sample();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { result, seconds, memory: { peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap), baseRssMb: mb(base.rss), baseHeapMb: mb(base.heapUsed) } };
  } finally {
    clearInterval(timer);
  }
}
