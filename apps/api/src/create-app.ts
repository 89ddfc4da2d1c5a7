import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@koproduktiv/config';
import { Logger } from '@koproduktiv/platform';
import { ApiModule, ApiRuntime } from './api.module';
import { answerClientError } from './http/client-errors';
import { ConnectionGuard } from './http/connection-guard';
import { correlationIdOf } from './http/correlation-id';
import { InputGuardPipe } from './http/input-guard';
import { NestPinoLogger } from './http/nest-pino-logger';
import { problemBody, toProblem } from './http/problem-mapping';
import { ProblemFilter } from './http/problem.filter';
import { validationPipe } from './http/validation';
import { cacheValidationMetadataLookups } from './http/validation-metadata-cache';
import { mountOpenApi } from './openapi';
import { mountConsole } from './console/mount-console';

/** The HTTP server's limits against clients that hold connections open (see AppConfig for each). */
export type HttpLimits = Pick<
  AppConfig,
  | 'HTTP_MAX_CONNECTIONS'
  | 'HTTP_HEADERS_TIMEOUT_MS'
  | 'HTTP_REQUEST_TIMEOUT_MS'
  | 'HTTP_KEEP_ALIVE_TIMEOUT_MS'
  | 'HTTP_IDLE_TIMEOUT_MS'
>;

export interface AppOptions {
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  /** The configuration's defaults where not given. */
  readonly http?: Partial<HttpLimits>;
}

/** The HTTP application over a runtime; used by main and by the end-to-end tests alike. */
export async function createApp(
  runtime: ApiRuntime,
  { logger, bodyLimitBytes, http = {} }: AppOptions,
): Promise<NestFastifyApplication> {
  cacheValidationMetadataLookups();
  const limits: HttpLimits = { ...new AppConfig(), ...http };
  const adapter = new FastifyAdapter({
    bodyLimit: bodyLimitBytes,
    loggerInstance: logger.child({ component: 'http' }),
    genReqId: correlationIdOf,
    return503OnClosing: true,
    // JSON.parse makes `__proto__` and `constructor` own keys, harmless in themselves; InputGuardPipe
    // refuses them as unknown fields, naming where they are, before anything merges the body.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    clientErrorHandler: answerClientError,
    // Errors of Fastify's router (a path that is not valid percent-encoding) never reach Nest's filter.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = toProblem(error);
      void reply
        .status(problem.status)
        .header('Content-Type', 'application/problem+json')
        .send(problemBody(problem, request.url, String(request.id)));
    },
    connectionTimeout: limits.HTTP_IDLE_TIMEOUT_MS,
    keepAliveTimeout: limits.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: limits.HTTP_REQUEST_TIMEOUT_MS,
    // Node checks these deadlines every connectionsCheckingInterval; a connection that never sends a byte is closed by headersTimeout.
    http: {
      headersTimeout: limits.HTTP_HEADERS_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(1000, limits.HTTP_HEADERS_TIMEOUT_MS / 2),
    },
  } as ConstructorParameters<typeof FastifyAdapter>[0]);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRuntime(runtime), adapter, {
    logger: new NestPinoLogger(logger),
  });
  app.useGlobalPipes(new InputGuardPipe(), validationPipe());
  app.useGlobalFilters(new ProblemFilter(logger));
  new ConnectionGuard(app.getHttpServer(), limits.HTTP_MAX_CONNECTIONS, logger.child({ component: 'http' }));
  const fastify = app.getHttpAdapter().getInstance();
  // Commands are JSON only: without this Fastify would hand a text/plain body to the validator.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Correlation-Id', request.id);
    return payload;
  });
  mountOpenApi(app);
  if (runtime.console) await mountConsole(app, runtime.console);
  await app.init();
  return app;
}
