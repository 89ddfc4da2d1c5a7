import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { accessContext } from './access-context';
import { Principal } from '@koproduktiv/platform';
import { invalidRequest } from '../http/problem-error';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblem, ApiProblems } from '../http/api-problems';
import {
  CaseParamsDto,
  ExportQueryDto,
  StreamEventsDto,
  StreamEventsQueryDto,
  StreamParamsDto,
  StreamStateDto,
  ResealsDto,
  StreamStateQueryDto,
  SubjectAccessDto,
  SubjectParamsDto,
  TimelineDto,
  TimelineQueryDto,
  VerifyReportDto,
  VerifyRequestDto,
} from './audit.dto';
import { AuditService, streamNotFound, subjectNotFound } from './audit.service';

const NotFound = () =>
  ApiProblem(404, {
    description: 'Your tenant has no such stream (AUDIT.STREAM_NOT_FOUND)',
    example: streamNotFound('case-0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02'),
  });

/** Everything under /v1/audit: read-only, auditors only, inside the token's tenant, personal data in clear (each such read logged). */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('streams/:streamId/events')
  @ApiOperation({
    operationId: 'auditStreamEvents',
    summary: "A stream's events with full metadata and hashes, in version order",
  })
  @ApiOkResponse({ type: StreamEventsDto })
  @ApiProblems(400, 401, 403, 503)
  @NotFound()
  streamEvents(
    @Param() { streamId }: StreamParamsDto,
    @Query() query: StreamEventsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.audit.streamEvents(
      accessContext(principal, request, 'auditor'),
      streamId,
      query.fromVersion ?? 1,
      query.limit ?? 100,
    );
  }

  @Get('streams/:streamId/state')
  @ApiOperation({
    operationId: 'auditStreamState',
    summary:
      "The aggregate's state as recorded at a moment: folds exactly the events recorded by asOfRecordedAt (or up to asOfPosition), whatever their business time",
  })
  @ApiOkResponse({ type: StreamStateDto })
  @ApiProblems(400, 401, 403, 503)
  @NotFound()
  streamState(
    @Param() { streamId }: StreamParamsDto,
    @Query() query: StreamStateQueryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    if (query.asOfRecordedAt !== undefined && query.asOfPosition !== undefined) {
      throw invalidRequest('Give asOfRecordedAt or asOfPosition, not both', [
        { field: 'asOfPosition', messages: ['not together with asOfRecordedAt'] },
      ]);
    }
    const asOf =
      query.asOfRecordedAt !== undefined
        ? { recordedAt: new Date(query.asOfRecordedAt) }
        : query.asOfPosition !== undefined
          ? { position: query.asOfPosition }
          : undefined;
    return this.audit.stateAsOf(principal.tenant, streamId, asOf);
  }

  @Get('cases/:caseId/timeline')
  @ApiOperation({
    operationId: 'auditCaseTimeline',
    summary:
      'Every event about a case across streams (its own and the fund decisions naming it) in global order, with actor, both times, correlation and causation ids',
  })
  @ApiOkResponse({ type: TimelineDto })
  @ApiProblems(400, 401, 403, 503)
  @NotFound()
  caseTimeline(
    @Param() { caseId }: CaseParamsDto,
    @Query() query: TimelineQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.audit.caseTimeline(
      accessContext(principal, request, 'auditor'),
      caseId,
      query.afterPosition ?? 0,
      query.limit ?? 1000,
    );
  }

  @Get('subjects/:kind/:id')
  @ApiOperation({
    operationId: 'auditSubjectAccess',
    summary:
      "Subject access (DSGVO Art. 15): every piece of personal data held about an initiative's contact or a case's narratives — in which stream and event, since when, in clear or as erased — the data keys and their fate, and what the other stores hold. Ready to hand out; the read is recorded in the access log (X-Purpose is recorded with it).",
  })
  @ApiHeader({
    name: 'X-Purpose',
    required: false,
    description: 'Why personal data is read (recorded in the access log)',
  })
  @ApiOkResponse({ type: SubjectAccessDto })
  @ApiProblems(400, 401, 403, 503)
  @ApiProblem(404, {
    description: 'Your tenant holds nothing about this subject (AUDIT.SUBJECT_NOT_FOUND)',
    example: subjectNotFound('initiative-contact', '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a01'),
  })
  subjectAccess(
    @Param() { kind, id }: SubjectParamsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ) {
    return this.audit.subjectAccess(accessContext(principal, request, 'auditor'), kind, id);
  }

  @Get('reseals')
  @ApiOperation({
    operationId: 'auditReseals',
    summary:
      'Streams whose hash chain was re-sealed when personal data stored in plain text by an earlier version was encrypted (store encrypt-personal-data), with the old and new chain heads: the one rewrite events ever get',
  })
  @ApiOkResponse({ type: ResealsDto })
  @ApiProblems(401, 403, 503)
  reseals(@CurrentPrincipal() principal: Principal) {
    return this.audit.reseals(principal.tenant);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auditVerify',
    summary:
      'Checks the hash chain and version sequence of one stream or every stream of your tenant; names the first broken event of each damaged stream (200 either way, see ok)',
  })
  @ApiOkResponse({ type: VerifyReportDto })
  @ApiProblems(400, 401, 403, 503)
  @NotFound()
  verify(@Body() body: VerifyRequestDto, @CurrentPrincipal() principal: Principal) {
    return this.audit.verify(principal.tenant, body.streamId);
  }

  @Get('export')
  @ApiOperation({
    operationId: 'auditExport',
    summary:
      'JSON Lines, streamed: one event per line in global order (one stream: version order), then a last line {"manifest": {format, scope, events, eventsByType, firstPosition, lastPosition, sha256}} whose sha256 covers every byte before it. ' +
      'A response without the manifest line is incomplete. Scope: streamId, or a record-time range from (inclusive) / to (exclusive), or your whole tenant.',
  })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description: 'JSON Lines, the manifest last',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 503)
  @NotFound()
  async export(@Query() query: ExportQueryDto, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    if (query.streamId !== undefined && (query.from !== undefined || query.to !== undefined)) {
      throw invalidRequest('Export one stream (streamId) or a time range (from, to), not both', [
        { field: 'streamId', messages: ['not together with from/to'] },
      ]);
    }
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from >= to)
      throw invalidRequest('from must be before to', [{ field: 'to', messages: ['must be after from'] }]);
    const body = await this.audit.export(principal.tenant, { streamId: query.streamId, from, to });
    const name = `koproduktiv-audit-${principal.tenant}${query.streamId ? `-${query.streamId}` : ''}.jsonl`;
    return reply
      .header('Content-Type', 'application/x-ndjson; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${name}"`)
      .header('Cache-Control', 'no-store')
      .send(body);
  }
}
