import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../http/api-problems';
import { ProblemError } from '../http/problem-error';
import { Public } from '../http/auth.decorators';
import { PROCESSOR_STATUSES, ProcessorStatuses } from './processor-statuses';

export const READINESS_CHECK = Symbol('READINESS_CHECK');
export type ReadinessCheck = () => Promise<void>;

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(READINESS_CHECK) private readonly ready: ReadinessCheck,
    @Inject(PROCESSOR_STATUSES) private readonly processors: ProcessorStatuses,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'The process is up' })
  @ApiOkResponse({
    description: 'Up',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Liveness' } } },
  })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: "The event store answers (503 otherwise); reports each processor's lag",
  })
  @ApiOkResponse({
    description: 'Ready',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Readiness' } } },
  })
  @ApiProblem(503, {
    description: 'The event store does not answer',
    example: new ProblemError(
      503,
      'STORE.UNAVAILABLE',
      'Not ready',
      'event store: connect ECONNREFUSED 127.0.0.1:5432',
    ),
  })
  async readiness() {
    try {
      await this.ready();
    } catch (error) {
      throw new ProblemError(503, 'STORE.UNAVAILABLE', 'Not ready', `event store: ${(error as Error).message}`);
    }
    const processors = this.processors().map(({ name, active, caughtUp, position, lagSeconds, lastError }) => ({
      name,
      active,
      caughtUp,
      position,
      lagSeconds: Math.round(lagSeconds * 1000) / 1000,
      ...(lastError ? { lastError } : {}),
    }));
    return { status: 'ok', checks: { eventStore: 'up' }, processors };
  }
}
