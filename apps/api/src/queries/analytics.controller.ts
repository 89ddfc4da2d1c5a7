import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReadModelQueries } from '@koproduktiv/projections';
import { invalidRequest, Principal } from '@koproduktiv/platform';
import type { MetricsSettings } from '@koproduktiv/metrics';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblems } from '../http/api-problems';
import { AsOfQueryDto, StaffTimeQueryDto, SummaryQueryDto, TimeseriesQueryDto } from './query.dto';
import { answer, notFound, parseAsOf, READ_MODEL_QUERIES } from './query-support';
import { METRICS_SETTINGS } from './settings';

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));

@ApiTags('queries')
@ApiBearerAuth()
@Roles('analyst')
@Controller('v1')
export class AnalyticsController {
  constructor(
    @Inject(READ_MODEL_QUERIES) private readonly queries: ReadModelQueries,
    @Inject(METRICS_SETTINGS) private readonly settingsFor: (tenant: string) => MetricsSettings,
  ) {}

  @Get('initiatives/:initiativeId')
  @ApiOperation({ summary: 'One initiative (no contact data)' })
  @ApiProblems(400, 401, 403, 404)
  async initiative(@Param('initiativeId', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const found = await this.queries.initiative(principal.tenant, id);
    if (!found) throw notFound('INITIATIVE.NOT_FOUND', `Initiative ${id}`);
    return answer(request, reply, found);
  }

  @Get('initiatives/:initiativeId/metrics')
  @ApiOperation({ summary: "Aggregate metrics of an initiative's cases and its member retention, as of T" })
  @ApiProblems(400, 401, 403, 404)
  async initiativeMetrics(@Param('initiativeId', new ParseUUIDPipe()) id: string, @Query() query: AsOfQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const found = await this.queries.initiativeMetrics(principal.tenant, id, parseAsOf(query.asOf, this.settingsFor(principal.tenant).timeZone));
    if (!found) throw notFound('INITIATIVE.NOT_FOUND', `Initiative ${id}`);
    return answer(request, reply, found);
  }

  @Get('metrics/summary')
  @ApiOperation({ summary: 'Aggregate metrics of the municipality as of T, filtered by submission period, unit and category; text/csv on request' })
  @ApiProduces('application/json', 'text/csv')
  @ApiProblems(400, 401, 403)
  async summary(@Query() query: SummaryQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const asOf = parseAsOf(query.asOf, this.settingsFor(principal.tenant).timeZone);
    const result = await this.queries.summary(principal.tenant, { asOf, from: query.from, to: query.to, unitId: query.unitId, category: query.category });
    return answer(request, reply, result, (data) => [data]);
  }

  @Get('metrics/timeseries')
  @ApiOperation({ summary: 'Aggregate metrics as of the end of every month in [from, to]; text/csv on request' })
  @ApiProduces('application/json', 'text/csv')
  @ApiProblems(400, 401, 403)
  async timeseries(@Query() query: TimeseriesQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const months = monthIndex(query.to) - monthIndex(query.from);
    if (months < 0 || months > 120) throw invalidRequest('to must be 0 to 120 months after from', [{ field: 'to', messages: ['out of range'] }]);
    return answer(request, reply, await this.queries.timeseries(principal.tenant, query.from, query.to), (data) => data);
  }

  @Get('units/:unitId/staff-time')
  @ApiOperation({ summary: 'Hours logged in a period against the budget set for it (staffTimeUse)' })
  @ApiProblems(400, 401, 403, 404)
  async staffTime(@Param('unitId', new ParseUUIDPipe()) unitId: string, @Query() query: StaffTimeQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const asOf = parseAsOf(query.asOf, this.settingsFor(principal.tenant).timeZone);
    const found = await this.queries.unitStaffTime(principal.tenant, unitId, query.period, asOf);
    if (!found) throw notFound('UNIT.NOT_FOUND', `Unit ${unitId}`);
    return answer(request, reply, found);
  }

  @Get('funds/:fundId')
  @ApiOperation({ summary: 'A fund: budget, awarded, disbursed and their ratios' })
  @ApiProblems(400, 401, 403, 404)
  async fund(@Param('fundId', new ParseUUIDPipe()) fundId: string, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const found = await this.queries.fund(principal.tenant, fundId);
    if (!found) throw notFound('FUND.NOT_FOUND', `Fund ${fundId}`);
    return answer(request, reply, found);
  }
}
