import { createServer, Server } from 'node:http';
import type { Registry } from 'prom-client';

/** The standalone projector's own small HTTP surface: liveness, readiness with lag, Prometheus metrics. */
export function startOperationsServer(
  port: number,
  host: string,
  registry: Registry,
  ready: () => Promise<object>,
): Promise<Server> {
  // Scrapers and probes send small requests at once: a connection that dawdles is closed.
  const server = createServer(
    { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 10_000, connectionsCheckingInterval: 1000 },
    async (request, response) => {
      const send = (status: number, body: string, type = 'application/json') => {
        response.writeHead(status, { 'Content-Type': type });
        response.end(body);
      };
      try {
        if (request.url === '/health/live') return send(200, JSON.stringify({ status: 'ok' }));
        if (request.url === '/health/ready') return send(200, JSON.stringify({ status: 'ok', ...(await ready()) }));
        if (request.url === '/metrics') return send(200, await registry.metrics(), registry.contentType);
        send(404, JSON.stringify({ status: 404, code: 'ROUTE.NOT_FOUND' }));
      } catch (error) {
        send(503, JSON.stringify({ status: 503, code: 'STORE.UNAVAILABLE', detail: (error as Error).message }));
      }
    },
  );
  server.maxConnections = 1024;
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
