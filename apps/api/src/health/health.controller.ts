import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemError } from '@koproduktiv/platform';
import { Public } from '../http/auth.decorators';

export const READINESS_CHECK = Symbol('READINESS_CHECK');
export type ReadinessCheck = () => Promise<void>;

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECK) private readonly ready: ReadinessCheck) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The event store answers; 503 otherwise' })
  async readiness() {
    try {
      await this.ready();
    } catch (error) {
      throw new ProblemError(503, 'STORE.UNAVAILABLE', 'Not ready', `event store: ${(error as Error).message}`);
    }
    return { status: 'ok', checks: { eventStore: 'up' } };
  }
}
