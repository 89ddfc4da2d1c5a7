import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemError } from '../http/problem-error';
import { Roles } from '../http/auth.decorators';
import { ApiProblem, ApiProblems } from '../http/api-problems';
import { PROCESSOR_STATUSES, ProcessorStatuses } from '../health/processor-statuses';
import { RebuildJob } from './rebuild-job';

export const REBUILD_JOB = Symbol('REBUILD_JOB');

/**
 * The read models of every municipality at once: for the installation's operators (role `operator`),
 * not for a municipality's `admin`, whose token must not reach beyond its tenant.
 */
@ApiTags('operations')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/projections')
export class AdminController {
  constructor(
    @Inject(REBUILD_JOB) private readonly rebuild: RebuildJob,
    @Inject(PROCESSOR_STATUSES) private readonly processors: ProcessorStatuses,
  ) {}

  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'startProjectionRebuild',
    summary:
      'Rebuild the read models from position 0 into fresh tables, then swap them in; queries keep answering meanwhile',
    description:
      "Role `operator`: the installation's operators. It rebuilds the read models of every municipality, so a municipality's `admin` may not start it (403).",
  })
  @ApiAcceptedResponse({
    description: 'The rebuild runs in the background; poll getProjectionStatus',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/RebuildState' } } },
  })
  @ApiProblems(401, 403, 503)
  @ApiProblem(409, {
    description: 'A rebuild is already running',
    example: new ProblemError(
      409,
      'PROJECTIONS.REBUILD_RUNNING',
      'A rebuild is already running',
      'Started at 2026-03-02T09:30:00.000Z',
    ),
  })
  start() {
    return this.rebuild.start();
  }

  @Get()
  @ApiOperation({
    operationId: 'getProjectionStatus',
    summary: 'The last rebuild and the processors of this process',
    description:
      "Role `operator`: the figures span every municipality (store-wide positions and event counts), so a municipality's `admin` may not see them (403).",
  })
  @ApiOkResponse({
    description: 'State of the last rebuild and of the processors',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ProjectionsStatus' } } },
  })
  @ApiProblems(401, 403)
  status() {
    return { rebuild: this.rebuild.status(), processors: this.processors() };
  }
}
