import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DECIDED_PAGE, InvalidCursorError, type ReadModelQueries } from '@koproduktiv/projections';
import type { Principal } from '@koproduktiv/platform';
import type { MetricsSettings } from '@koproduktiv/metrics';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblem, ApiProblems } from '../http/api-problems';
import { ApiAnswer } from '../openapi/api-answer';
import { METRICS_DOC } from '../openapi/response-schemas';
import { APPLICATION_COLUMNS, STATEMENT_COLUMNS, statementRows } from './csv/fund-csv-columns';
import { FundApplicationsQueryDto, FundQueryDto, FundStatementQueryDto, STATEMENT_PAGE } from './fund-query.dto';
import { answer, csvAnswer, csvStreamAnswer, notFound, parseAsOf, READ_MODEL_QUERIES } from './query-support';
import { METRICS_SETTINGS } from './settings';

const EXAMPLE_ID = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a01';
const defined = `Defined in ${METRICS_DOC} (Funds), with the readings this service takes where a definition leaves room.`;
const fundNotFound = (fundId: string) => notFound('FUND.NOT_FOUND', `Fund ${fundId}`);
const pinned =
  "A nextCursor pins the first page's T and read-model position: every later page is of that same statement (asOf is then ignored), however many events arrive meanwhile, so the pages together are that statement exactly.";
const cursorProblem = {
  description: 'No such fund, or the cursor is not one this service issued (REQUEST.INVALID_CURSOR)',
  example: fundNotFound(EXAMPLE_ID),
};

/** Runs a paged read, answering a cursor this service did not issue with REQUEST.INVALID_CURSOR. */
async function withCursor<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw notFound('REQUEST.INVALID_CURSOR', 'This cursor');
    throw error;
  }
}

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
      'A fund as of T: budget, reserved, awarded, disbursed, available, their ratios and the grant-procedure metrics, and a page of its decided applications (nextCursor, or the Link header)',
    description: `${defined} The decided applications come in pages, in the order they were decided; every page carries the fund's figures. ${pinned}`,
  })
  @ApiAnswer('FundAnswer')
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, cursorProblem)
  async fund(
    @Param('fundId', new ParseUUIDPipe()) fundId: string,
    @Query() query: FundQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = { limit: query.limit ?? DECIDED_PAGE, cursor: query.cursor };
    const found = await withCursor(() =>
      this.queries.fund(principal.tenant, fundId, this.asOf(principal, query.asOf), page),
    );
    if (!found) throw fundNotFound(fundId);
    return answer(request, reply, found, { nextCursor: found.data.nextCursor });
  }

  @Get('statement')
  @ApiOperation({
    operationId: 'getFundStatement',
    summary:
      "The fund statement as of T: the fund's money columns (available = budget − reserved − awarded + released) and each application's, whole or paged by cursor (limit, nextCursor, or the Link header); text/csv on request",
    description: `${defined} Without limit and cursor, the whole statement, as an auditor takes it. With either, the fund's columns and a page of the applications in applicationId order. ${pinned}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('FundStatementAnswer', {
    csv: STATEMENT_COLUMNS,
    rows: 'the fund (first), then each application (of the page, when paged)',
  })
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, cursorProblem)
  async statement(
    @Param('fundId', new ParseUUIDPipe()) fundId: string,
    @Query() query: FundStatementQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const asOf = this.asOf(principal, query.asOf);
    const csvOf = (data: { asOf: string }) =>
      csvStreamAnswer(
        `${principal.tenant}-fund-${fundId}-statement-${data.asOf.slice(0, 10)}.csv`,
        STATEMENT_COLUMNS,
        statementRows,
      );
    if (query.limit === undefined && query.cursor === undefined) {
      const whole = await this.queries.fundStatement(principal.tenant, fundId, asOf);
      if (!whole) throw fundNotFound(fundId);
      return answer(request, reply, whole, { csv: csvOf(whole.data), locale: query.locale });
    }
    const page = { limit: query.limit ?? STATEMENT_PAGE, cursor: query.cursor };
    const found = await withCursor(() => this.queries.fundStatementPage(principal.tenant, fundId, asOf, page));
    if (!found) throw fundNotFound(fundId);
    const { nextCursor } = found.data;
    return answer(request, reply, found, { csv: csvOf(found.data), locale: query.locale, nextCursor });
  }

  @Get('applications')
  @ApiOperation({
    operationId: 'listFundApplications',
    summary:
      "The fund's applications as of T by procedure state and proof of use (due, overdue), in applicationId order, paged by cursor (nextCursor, or the Link header); text/csv on request",
    description: `${defined} ${pinned}`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('FundApplicationsAnswer', { csv: APPLICATION_COLUMNS, rows: 'application of the page', paged: true })
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, cursorProblem)
  async applications(
    @Param('fundId', new ParseUUIDPipe()) fundId: string,
    @Query() query: FundApplicationsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await withCursor(() =>
      this.queries.fundApplications(principal.tenant, fundId, {
        asOf: this.asOf(principal, query.asOf),
        status: query.status,
        proof: query.proof,
        limit: query.limit ?? 200,
        cursor: query.cursor,
      }),
    );
    if (!found) throw fundNotFound(fundId);
    const csv = csvAnswer(
      `${principal.tenant}-fund-${fundId}-applications-${found.data.asOf.slice(0, 10)}.csv`,
      APPLICATION_COLUMNS,
      (data: typeof found.data) => data.applications,
    );
    return answer(request, reply, found, { csv, locale: query.locale, nextCursor: found.data.nextCursor });
  }
}
