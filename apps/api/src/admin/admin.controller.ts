import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../http/auth.decorators';
import { ApiProblems } from '../http/api-problems';
import { PROCESSOR_STATUSES, ProcessorStatuses } from '../health/processor-statuses';
import { RebuildJob } from './rebuild-job';

export const REBUILD_JOB = Symbol('REBUILD_JOB');

@ApiTags('operations')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/admin/projections')
export class AdminController {
  constructor(
    @Inject(REBUILD_JOB) private readonly rebuild: RebuildJob,
    @Inject(PROCESSOR_STATUSES) private readonly processors: ProcessorStatuses,
  ) {}

  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild the read models from position 0 into fresh tables, then swap them in; queries keep answering meanwhile' })
  @ApiProblems(401, 403, 409)
  start() {
    return this.rebuild.start();
  }

  @Get()
  @ApiOperation({ summary: 'The last rebuild and the processors of this process' })
  @ApiProblems(401, 403)
  status() {
    return { rebuild: this.rebuild.status(), processors: this.processors() };
  }
}
