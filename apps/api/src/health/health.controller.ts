import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemError } from '@koproduktiv/platform';
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
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The event store answers (503 otherwise); reports each processor\'s lag' })
  async readiness() {
    try {
      await this.ready();
    } catch (error) {
      throw new ProblemError(503, 'STORE.UNAVAILABLE', 'Not ready', `event store: ${(error as Error).message}`);
    }
    const processors = this.processors().map(({ name, active, caughtUp, position, lagSeconds, lastError }) => ({
      name, active, caughtUp, position, lagSeconds: Math.round(lagSeconds * 1000) / 1000, ...(lastError ? { lastError } : {}),
    }));
    return { status: 'ok', checks: { eventStore: 'up' }, processors };
  }
}
