/**
 * The part of autocannon's programmatic API the benchmark uses (the package ships no types, and the
 * project adds no @types package for a dev tool).
 */
declare module 'autocannon' {
  namespace autocannon {
    interface RequestParams {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }

    interface Request extends RequestParams {
      /** Called before every request; returns the request to send. */
      setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams;
      /** Called after every response (asking for it makes autocannon keep the body). */
      onResponse?: (
        status: number,
        body: string,
        context: Record<string, unknown>,
        headers: Record<string, string>,
      ) => void;
    }

    interface Client {
      /** Replaces the requests this connection sends. */
      setRequests(requests: Request[]): void;
    }

    interface Options {
      url: string;
      /** Called once for every connection as it is made. */
      setupClient?: (client: Client) => void;
      connections?: number;
      duration?: number;
      pipelining?: number;
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      requests?: Request[];
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p2_5: number;
      p50: number;
      p97_5: number;
      p99: number;
    }

    interface Result {
      requests: Histogram;
      latency: Histogram;
      throughput: Histogram;
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
    }
  }

  namespace autocannon {
    /** The running benchmark: an event emitter that is also thenable. */
    interface Instance extends PromiseLike<unknown> {
      on(
        event: 'response',
        listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
      ): this;
      stop(): void;
    }

    /** Aggregates raw results, as a run in a worker thread returns them. */
    function aggregateResult(results: readonly unknown[], options: Pick<Options, 'url' | 'connections'>): Result;
  }

  /**
   * Starts a benchmark. On the main thread the instance resolves to a Result; in a worker thread to a
   * raw result for `aggregateResult`.
   */
  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
