import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { readDirectory, ReadModelQueries } from '@koproduktiv/projections';
import type { MetricsSettings } from '@koproduktiv/metrics';
import type { Principal } from '@koproduktiv/platform';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblems } from '../http/api-problems';
import { ApiAnswer } from '../openapi/api-answer';
import { answer, READ_MODEL_QUERIES } from './query-support';
import { METRICS_SETTINGS } from './settings';

export const DIRECTORY_POOL = Symbol('DIRECTORY_POOL');

@ApiTags('queries')
@ApiBearerAuth()
@Roles('analyst', 'clerk')
@Controller('v1')
export class DirectoryController {
  constructor(
    @Inject(DIRECTORY_POOL) private readonly pool: Pool,
    @Inject(READ_MODEL_QUERIES) private readonly queries: ReadModelQueries,
    @Inject(METRICS_SETTINGS) private readonly settingsFor: (tenant: string) => MetricsSettings,
  ) {}

  @Get('directory')
  @ApiOperation({
    operationId: 'getDirectory',
    summary: "The municipality's units, initiatives (no contact data), funds, case categories and metric settings",
    description: 'What a client offers to choose from (filters, pickers); names only, no personal data.',
  })
  @ApiAnswer('DirectoryAnswer')
  @ApiProblems(401, 403, 503)
  async directory(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await readDirectory(
      this.pool,
      principal.tenant,
      async () => (await this.queries.positions(principal.tenant)).own,
    );
    const { responseTargetDays, dormancyDays, timeZone } = this.settingsFor(principal.tenant);
    return answer(request, reply, {
      position: found.position,
      data: { ...found.data, metricsSettings: { responseTargetDays, dormancyDays, timeZone } },
    });
  }
}
