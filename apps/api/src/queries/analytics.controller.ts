import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReadModelQueries } from '@koproduktiv/projections';
import { Principal } from '@koproduktiv/platform';
import { invalidRequest } from '../http/problem-error';
import type { MetricsSettings } from '@koproduktiv/metrics';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblem, ApiProblems } from '../http/api-problems';
import { ApiAnswer } from '../openapi/api-answer';
import { METRICS_DOC } from '../openapi/response-schemas';
import {
  AGGREGATE_COLUMNS,
  CsvColumn,
  FUND_SERIES_COLUMNS,
  INITIATIVE_SERIES_COLUMNS,
  TIMESERIES_COLUMNS,
  UNIT_SERIES_COLUMNS,
} from './csv/csv-columns';
import { AsOfQueryDto, StaffTimeQueryDto, SummaryQueryDto, TimeseriesQueryDto } from './query.dto';
import { answer, csvAnswer, notFound, parseAsOf, READ_MODEL_QUERIES } from './query-support';
import { METRICS_SETTINGS } from './settings';

const EXAMPLE_ID = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a01';
const defined = `Defined in ${METRICS_DOC}, with the readings this service takes where a definition leaves room.`;

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
  @ApiOperation({ operationId: 'getInitiative', summary: 'One initiative (no contact data)' })
  @ApiAnswer('InitiativeAnswer')
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, { example: notFound('INITIATIVE.NOT_FOUND', `Initiative ${EXAMPLE_ID}`) })
  async initiative(
    @Param('initiativeId', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await this.queries.initiative(principal.tenant, id);
    if (!found) throw notFound('INITIATIVE.NOT_FOUND', `Initiative ${id}`);
    return answer(request, reply, found);
  }

  @Get('initiatives/:initiativeId/metrics')
  @ApiOperation({
    operationId: 'getInitiativeMetrics',
    summary: "Aggregate metrics of an initiative's cases and its member retention, as of T",
    description: defined,
  })
  @ApiAnswer('InitiativeMetricsAnswer')
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, { example: notFound('INITIATIVE.NOT_FOUND', `Initiative ${EXAMPLE_ID}`) })
  async initiativeMetrics(
    @Param('initiativeId', new ParseUUIDPipe()) id: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await this.queries.initiativeMetrics(
      principal.tenant,
      id,
      parseAsOf(query.asOf, this.settingsFor(principal.tenant).timeZone),
    );
    if (!found) throw notFound('INITIATIVE.NOT_FOUND', `Initiative ${id}`);
    return answer(request, reply, found);
  }

  @Get('metrics/summary')
  @ApiOperation({
    operationId: 'getMetricsSummary',
    summary:
      'Aggregate metrics of the municipality as of T, filtered by submission period, unit and category; text/csv on request',
    description: defined,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('SummaryAnswer', { csv: AGGREGATE_COLUMNS, rows: 'answer (one row)' })
  @ApiProblems(400, 401, 403, 503)
  async summary(
    @Query() query: SummaryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const asOf = parseAsOf(query.asOf, this.settingsFor(principal.tenant).timeZone);
    const result = await this.queries.summary(principal.tenant, {
      asOf,
      from: query.from,
      to: query.to,
      unitId: query.unitId,
      category: query.category,
    });
    const csv = csvAnswer(
      `${principal.tenant}-summary-${result.data.asOf.slice(0, 10)}.csv`,
      AGGREGATE_COLUMNS,
      (data: typeof result.data) => [data],
    );
    return answer(request, reply, result, { csv, locale: query.locale });
  }

  @Get('metrics/timeseries')
  @ApiOperation({
    operationId: 'getMetricsTimeseries',
    summary: 'Aggregate metrics as of the end of every month in [from, to]; text/csv on request',
    description: defined,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('TimeseriesAnswer', { csv: TIMESERIES_COLUMNS, rows: 'month' })
  @ApiProblems(400, 401, 403, 503)
  async timeseries(
    @Query() query: TimeseriesQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.series(principal, query);
    const csv = csvAnswer(
      `${principal.tenant}-timeseries-${query.from}-${query.to}.csv`,
      TIMESERIES_COLUMNS,
      (data: typeof result.data) => data,
    );
    return answer(request, reply, result, { csv, locale: query.locale });
  }

  @Get('metrics/timeseries/funds')
  @ApiOperation({
    operationId: 'getFundTimeseries',
    summary:
      "Every fund's figures and grant-procedure metrics as of the end of every month in [from, to]; text/csv on request",
    description: defined,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('FundTimeseriesAnswer', { csv: FUND_SERIES_COLUMNS, rows: 'month and fund' })
  @ApiProblems(400, 401, 403, 503)
  async fundSeries(
    @Query() query: TimeseriesQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.perMonth(principal, query, request, reply, 'funds', FUND_SERIES_COLUMNS);
  }

  @Get('metrics/timeseries/units')
  @ApiOperation({
    operationId: 'getUnitTimeseries',
    summary: "Every unit's staff time use (staffTimeUse) in every month in [from, to]; text/csv on request",
    description: defined,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('UnitTimeseriesAnswer', { csv: UNIT_SERIES_COLUMNS, rows: 'month and unit' })
  @ApiProblems(400, 401, 403, 503)
  async unitSeries(
    @Query() query: TimeseriesQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.perMonth(principal, query, request, reply, 'units', UNIT_SERIES_COLUMNS);
  }

  @Get('metrics/timeseries/initiatives')
  @ApiOperation({
    operationId: 'getInitiativeTimeseries',
    summary: "Every initiative's member retention as of the end of every month in [from, to]; text/csv on request",
    description: defined,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('InitiativeTimeseriesAnswer', { csv: INITIATIVE_SERIES_COLUMNS, rows: 'month and initiative' })
  @ApiProblems(400, 401, 403, 503)
  async initiativeSeries(
    @Query() query: TimeseriesQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.perMonth(principal, query, request, reply, 'initiatives', INITIATIVE_SERIES_COLUMNS);
  }

  private series(principal: Principal, query: TimeseriesQueryDto) {
    const months = monthIndex(query.to) - monthIndex(query.from);
    if (months < 0 || months > 120)
      throw invalidRequest('to must be 0 to 120 months after from', [{ field: 'to', messages: ['out of range'] }]);
    return this.queries.timeseries(principal.tenant, {
      from: query.from,
      to: query.to,
      unitId: query.unitId,
      category: query.category,
    });
  }

  /** One row per month and fund, unit or initiative: the time series' per-entity figures, flat. */
  private async perMonth<K extends 'funds' | 'units' | 'initiatives'>(
    principal: Principal,
    query: TimeseriesQueryDto,
    request: FastifyRequest,
    reply: FastifyReply,
    kind: K,
    columns: readonly CsvColumn<never>[],
  ) {
    const { position, data } = await this.series(principal, query);
    const rows = data.flatMap((point) =>
      (point[kind] as object[]).map((row) => ({ month: point.month, asOf: point.asOf, ...row })),
    );
    const csv = csvAnswer(
      `${principal.tenant}-timeseries-${kind}-${query.from}-${query.to}.csv`,
      columns as readonly CsvColumn<unknown>[],
      (all: typeof rows) => all,
    );
    return answer(request, reply, { position, data: rows }, { csv, locale: query.locale });
  }

  @Get('units/:unitId/staff-time')
  @ApiOperation({
    operationId: 'getUnitStaffTime',
    summary: 'Hours logged in a period against the budget set for it (staffTimeUse)',
    description: defined,
  })
  @ApiAnswer('StaffTimeAnswer')
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, { example: notFound('UNIT.NOT_FOUND', `Unit ${EXAMPLE_ID}`) })
  async staffTime(
    @Param('unitId', new ParseUUIDPipe()) unitId: string,
    @Query() query: StaffTimeQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const asOf = parseAsOf(query.asOf, this.settingsFor(principal.tenant).timeZone);
    const found = await this.queries.unitStaffTime(principal.tenant, unitId, query.period, asOf);
    if (!found) throw notFound('UNIT.NOT_FOUND', `Unit ${unitId}`);
    return answer(request, reply, found);
  }
}
