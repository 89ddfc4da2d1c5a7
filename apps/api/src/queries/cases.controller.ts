import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidCursorError, type ReadModelQueries } from '@koproduktiv/projections';
import type { Principal } from '@koproduktiv/platform';
import type { MetricsSettings } from '@koproduktiv/metrics';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblems } from '../http/api-problems';
import { AsOfQueryDto, CaseListQueryDto } from './query.dto';
import { answer, notFound, parseAsOf, READ_MODEL_QUERIES } from './query-support';
import { METRICS_SETTINGS } from './settings';

@ApiTags('queries')
@ApiBearerAuth()
@Roles('analyst')
@Controller('v1/cases')
export class CasesController {
  constructor(
    @Inject(READ_MODEL_QUERIES) private readonly queries: ReadModelQueries,
    @Inject(METRICS_SETTINGS) private readonly settingsFor: (tenant: string) => MetricsSettings,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cases, paged by cursor; text/csv on request' })
  @ApiProduces('application/json', 'text/csv')
  @ApiProblems(400, 401, 403)
  async list(@Query() query: CaseListQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    let page;
    try {
      page = await this.queries.listCases(principal.tenant, { ...query, limit: query.limit ?? 50 });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw notFound('REQUEST.INVALID_CURSOR', 'This cursor');
      throw error;
    }
    return answer(
      request,
      reply,
      page,
      (data) => data.items.map((item) => JSON.parse(item) as object),
      ({ position, data }) => `{"position":${position},"data":{"items":[${data.items.join(',')}],"nextCursor":${JSON.stringify(data.nextCursor)}}}`,
    );
  }

  @Get(':caseId')
  @ApiOperation({ summary: 'One case (read model)' })
  @ApiProblems(400, 401, 403, 404)
  async get(@Param('caseId', new ParseUUIDPipe()) caseId: string, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const found = await this.queries.getCase(principal.tenant, caseId);
    if (!found) throw notFound('CASE.NOT_FOUND', `Case ${caseId}`);
    return answer(request, reply, found);
  }

  @Get(':caseId/metrics')
  @ApiOperation({ summary: 'Continuity and trust metrics of a case as of T (METRICS.md), with index components' })
  @ApiProblems(400, 401, 403, 404)
  async metrics(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Query() query: AsOfQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const asOf = parseAsOf(query.asOf, this.settingsFor(principal.tenant).timeZone);
    const found = await this.queries.caseMetrics(principal.tenant, caseId, asOf);
    if (!found) throw notFound('CASE.NOT_FOUND', `Case ${caseId}`);
    if (!found.data) throw notFound('CASE.NOT_SUBMITTED_YET', `Case ${caseId} as of ${query.asOf}`);
    return answer(request, reply, found);
  }
}
