import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@koproduktiv/platform';
import { problemBody, RETRY_AFTER_SECONDS, toProblem } from './problem-mapping';

/** Every error leaves as RFC 9457 application/problem+json with a stable `code`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error);
    // An outage answers every request with 503; one warning line each, not a stack trace each.
    if (problem.status === 503)
      this.logger.warn(
        { correlationId: request.id, url: request.url, reason: (error as Error)?.message },
        'store unavailable',
      );
    else if (problem.status >= 500)
      this.logger.error({ err: error, correlationId: request.id, url: request.url }, 'request failed');
    if (problem.status === 503) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
    reply
      .status(problem.status)
      .header('Content-Type', 'application/problem+json')
      .send(problemBody(problem, request.url, String(request.id)));
  }
}
