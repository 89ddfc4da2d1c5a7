import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidCursorError, type ReadModelQueries } from '@koproduktiv/projections';
import type { Principal } from '@koproduktiv/platform';
import type { MetricsSettings } from '@koproduktiv/metrics';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblem, ApiProblems } from '../http/api-problems';
import { ApiAnswer } from '../openapi/api-answer';
import { METRICS_DOC } from '../openapi/response-schemas';
import { APPLICATION_COLUMNS, STATEMENT_COLUMNS, statementRows } from './csv/fund-csv-columns';
import { FundApplicationsQueryDto, FundStatementQueryDto } from './fund-query.dto';
import { AsOfQueryDto } from './query.dto';
import { answer, csvAnswer, notFound, parseAsOf, READ_MODEL_QUERIES } from './query-support';
import { METRICS_SETTINGS } from './settings';

const EXAMPLE_ID = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a01';
const defined = `Defined in ${METRICS_DOC} (Funds), with the readings this service takes where a definition leaves room.`;
const fundNotFound = (fundId: string) => notFound('FUND.NOT_FOUND', `Fund ${fundId}`);

/** A fund's figures, statement and applications as of T: amounts, states and dates, never a rationale or reason. */
@ApiTags('queries')
@ApiBearerAuth()
@Roles('analyst')
@Controller('v1/funds/:fundId')
export class FundsController {
  constructor(
    @Inject(READ_MODEL_QUERIES) private readonly queries: ReadModelQueries,
    @Inject(METRICS_SETTINGS) private readonly settingsFor: (tenant: string) => MetricsSettings,
  ) {}

  private asOf(principal: Principal, asOf: string | undefined): Date | undefined {
    return parseAsOf(asOf, this.settingsFor(principal.tenant).timeZone);
  }

  @Get()
  @ApiOperation({
    operationId: 'getFund',
    summary:
      'A fund as of T: budget, reserved, awarded, disbursed, available, their ratios and the grant-procedure metrics',
    description: defined,
  })
  @ApiAnswer('FundAnswer')
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, { example: fundNotFound(EXAMPLE_ID) })
  async fund(
    @Param('fundId', new ParseUUIDPipe()) fundId: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await this.queries.fund(principal.tenant, fundId, this.asOf(principal, query.asOf));
    if (!found) throw fundNotFound(fundId);
    return answer(request, reply, found);
  }

  @Get('statement')
  @ApiOperation({
    operationId: 'getFundStatement',
    summary:
      "The fund statement as of T: the fund's money columns (available = budget − reserved − awarded + released) and each application's; text/csv on request",
    description: defined,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('FundStatementAnswer', { csv: STATEMENT_COLUMNS, rows: 'the fund (first), then each application' })
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, { example: fundNotFound(EXAMPLE_ID) })
  async statement(
    @Param('fundId', new ParseUUIDPipe()) fundId: string,
    @Query() query: FundStatementQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await this.queries.fundStatement(principal.tenant, fundId, this.asOf(principal, query.asOf));
    if (!found) throw fundNotFound(fundId);
    const csv = csvAnswer(
      `${principal.tenant}-fund-${fundId}-statement-${found.data.asOf.slice(0, 10)}.csv`,
      STATEMENT_COLUMNS,
      statementRows,
    );
    return answer(request, reply, found, { csv, locale: query.locale });
  }

  @Get('applications')
  @ApiOperation({
    operationId: 'listFundApplications',
    summary:
      "The fund's applications as of T by procedure state and proof of use (due, overdue), in applicationId order, paged by cursor (nextCursor, or the Link header); text/csv on request",
    description: defined,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('FundApplicationsAnswer', { csv: APPLICATION_COLUMNS, rows: 'application of the page', paged: true })
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, {
    description: 'No such fund, or the cursor is not one this service issued (REQUEST.INVALID_CURSOR)',
    example: fundNotFound(EXAMPLE_ID),
  })
  async applications(
    @Param('fundId', new ParseUUIDPipe()) fundId: string,
    @Query() query: FundApplicationsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    let found;
    try {
      found = await this.queries.fundApplications(principal.tenant, fundId, {
        asOf: this.asOf(principal, query.asOf),
        status: query.status,
        proof: query.proof,
        limit: query.limit ?? 200,
        cursor: query.cursor,
      });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw notFound('REQUEST.INVALID_CURSOR', 'This cursor');
      throw error;
    }
    if (!found) throw fundNotFound(fundId);
    const csv = csvAnswer(
      `${principal.tenant}-fund-${fundId}-applications-${found.data.asOf.slice(0, 10)}.csv`,
      APPLICATION_COLUMNS,
      (data: typeof found.data) => data.applications,
    );
    return answer(request, reply, found, { csv, locale: query.locale, nextCursor: found.data.nextCursor });
  }
}
