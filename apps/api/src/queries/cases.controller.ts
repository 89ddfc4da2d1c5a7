import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidCursorError, type CaseDocument, type ReadModelQueries } from '@koproduktiv/projections';
import type { Principal } from '@koproduktiv/platform';
import type { MetricsSettings } from '@koproduktiv/metrics';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblem, ApiProblems } from '../http/api-problems';
import { ApiAnswer } from '../openapi/api-answer';
import { METRICS_DOC } from '../openapi/response-schemas';
import { CASE_COLUMNS } from './csv/csv-columns';
import { AsOfQueryDto, CaseHistoryQueryDto, CaseListQueryDto } from './query.dto';
import { answer, csvAnswer, notFound, parseAsOf, READ_MODEL_QUERIES } from './query-support';
import { METRICS_SETTINGS } from './settings';
import { pseudonymised, STAFF_PSEUDONYMS, StaffPseudonyms } from './staff-pseudonyms';
import { accessContext } from '../audit/access-context';
import { CASE_FILES, CaseFiles } from './case-file';

/** Clerks are the administration handling the cases: staff in clear, the case file's commitments with their descriptions. */
const isClerk = (principal: Principal) => principal.roles.includes('clerk');

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
    @Inject(CASE_FILES) private readonly files: CaseFiles,
  ) {}

  @Get()
  @Roles('analyst', 'clerk')
  @ApiOperation({
    operationId: 'listCases',
    summary: 'Cases in id order, paged by cursor (nextCursor, or the Link header); text/csv on request',
    description:
      "Analysts see staff references as pseudonyms; clerks, who handle the cases, see them in clear. No personal data in either's answer.",
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
    const pseudonym = isClerk(principal)
      ? (staffRef: string) => staffRef
      : await this.staff.forTenant(principal.tenant);
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
  @Roles('analyst', 'clerk')
  @ApiOperation({
    operationId: 'getCase',
    summary: "One case (read model); for clerks with the case file's commitments and funding applications",
    description:
      "Analysts get the read model without personal data, staff as pseudonyms. Clerks get staff in clear and `file`: `commitments`, each with its promisor, due dates, status as of now and its description, a narrative opened for them (every such read is written to the access log with the request's `X-Purpose` header); and `applications`, each funding application of the case as its fund's statement has it as of now (`GET /v1/funds/{fundId}/applications`): requested, awarded, disbursed and the other money columns, proofDueOn and where the proof of use stands (`proof`, `proofSubmittedAt`, `reviewOutcome`, `settledAt`). Amounts, dates and outcomes only: no purpose, rationale or reason.",
  })
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
    if (!isClerk(principal)) {
      return answer(request, reply, { ...found, data: await this.staff.caseDocument(principal.tenant, found.data) });
    }
    const settings = this.settingsFor(principal.tenant);
    const access = accessContext(principal, request, 'clerk');
    const [commitments, applications] = await Promise.all([
      this.files.commitments(access, caseId, settings, this.queries.now()),
      this.queries.caseApplications(principal.tenant, caseId),
    ]);
    return answer(request, reply, { ...found, data: { ...found.data, file: { commitments, applications } } });
  }

  @Get(':caseId/history')
  @Roles('clerk')
  @ApiOperation({
    operationId: 'getCaseHistory',
    summary: 'Everything that happened in a case, with business time and recorded time (clerks)',
    description:
      "The case's events and the fund's decisions naming it, in store order: each with its type, when it happened (`occurredAt`, business time) and when the service recorded it (`recordedAt`), who entered it, and its data without personal data. Paged by `afterPosition`.",
  })
  @ApiOkResponse({ description: "The case's history", schema: { $ref: '#/components/schemas/CaseHistoryAnswer' } })
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, { example: caseNotFound() })
  async history(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() query: CaseHistoryQueryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const found = await this.files.history(principal.tenant, caseId, query.afterPosition ?? 0, query.limit ?? 500);
    if (!found) throw caseNotFound(caseId);
    return { caseId, entries: found.entries, nextAfterPosition: found.nextAfterPosition };
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
