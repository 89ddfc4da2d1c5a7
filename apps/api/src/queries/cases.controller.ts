import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidCursorError, type CaseDocument, type ReadModelQueries } from '@koproduktiv/projections';
import type { Principal } from '@koproduktiv/platform';
import type { MetricsSettings } from '@koproduktiv/metrics';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblem, ApiProblems } from '../http/api-problems';
import { ApiAnswer } from '../openapi/api-answer';
import { METRICS_DOC } from '../openapi/response-schemas';
import { CASE_COLUMNS } from './csv/csv-columns';
import { AsOfQueryDto, CaseListQueryDto } from './query.dto';
import { answer, csvAnswer, notFound, parseAsOf, READ_MODEL_QUERIES } from './query-support';
import { METRICS_SETTINGS } from './settings';
import { pseudonymised, STAFF_PSEUDONYMS, StaffPseudonyms } from './staff-pseudonyms';

const caseNotFound = (caseId = '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02') => notFound('CASE.NOT_FOUND', `Case ${caseId}`);

@ApiTags('queries')
@ApiBearerAuth()
@Roles('analyst')
@Controller('v1/cases')
export class CasesController {
  constructor(
    @Inject(READ_MODEL_QUERIES) private readonly queries: ReadModelQueries,
    @Inject(METRICS_SETTINGS) private readonly settingsFor: (tenant: string) => MetricsSettings,
    @Inject(STAFF_PSEUDONYMS) private readonly staff: StaffPseudonyms,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listCases',
    summary: 'Cases in id order, paged by cursor (nextCursor, or the Link header); text/csv on request',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('CasePage', { csv: CASE_COLUMNS, rows: 'case of the page', paged: true })
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, {
    description: 'The cursor is not one this service issued',
    example: notFound('REQUEST.INVALID_CURSOR', 'This cursor'),
  })
  async list(
    @Query() query: CaseListQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { locale, ...filter } = query;
    let page;
    try {
      page = await this.queries.listCases(principal.tenant, { ...filter, limit: filter.limit ?? 50 });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw notFound('REQUEST.INVALID_CURSOR', 'This cursor');
      throw error;
    }
    const pseudonym = await this.staff.forTenant(principal.tenant);
    const cases = page.data.items.map((item) => pseudonymised(JSON.parse(item) as CaseDocument, pseudonym));
    return answer(request, reply, page, {
      csv: csvAnswer(`${principal.tenant}-cases.csv`, CASE_COLUMNS, () => cases),
      locale,
      nextCursor: page.data.nextCursor,
      jsonText: ({ position, data }) =>
        `{"position":${position},"data":{"items":${JSON.stringify(cases)},"nextCursor":${JSON.stringify(data.nextCursor)}}}`,
    });
  }

  @Get(':caseId')
  @ApiOperation({ operationId: 'getCase', summary: 'One case (read model)' })
  @ApiAnswer('CaseAnswer')
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, { example: caseNotFound() })
  async get(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await this.queries.getCase(principal.tenant, caseId);
    if (!found) throw caseNotFound(caseId);
    return answer(request, reply, { ...found, data: await this.staff.caseDocument(principal.tenant, found.data) });
  }

  @Get(':caseId/metrics')
  @ApiOperation({
    operationId: 'getCaseMetrics',
    summary: 'Continuity and trust metrics of a case as of T, with index components',
    description: `Every metric is defined in ${METRICS_DOC}, with the readings this service takes where a definition leaves room.`,
  })
  @ApiAnswer('CaseMetricsAnswer')
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, {
    description: 'No such case, or it was submitted after asOf (CASE.NOT_SUBMITTED_YET)',
    example: caseNotFound(),
  })
  async metrics(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() query: AsOfQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const asOf = parseAsOf(query.asOf, this.settingsFor(principal.tenant).timeZone);
    const found = await this.queries.caseMetrics(principal.tenant, caseId, asOf);
    if (!found) throw caseNotFound(caseId);
    if (!found.data) throw notFound('CASE.NOT_SUBMITTED_YET', `Case ${caseId} as of ${query.asOf}`);
    return answer(request, reply, found);
  }
}
