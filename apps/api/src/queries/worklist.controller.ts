import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidCursorError, type ReadModelQueries } from '@koproduktiv/projections';
import { ownStaffRef, Principal } from '@koproduktiv/platform';
import { ProblemError } from '../http/problem-error';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblem, ApiProblems } from '../http/api-problems';
import { ApiAnswer } from '../openapi/api-answer';
import { METRICS_DOC } from '../openapi/response-schemas';
import { WORKLIST_COLUMNS } from './csv/csv-columns';
import { WorklistQueryDto } from './query.dto';
import { answer, csvAnswer, notFound, READ_MODEL_QUERIES } from './query-support';

export const notOwnStaffRef = () =>
  new ProblemError(
    403,
    'WORKLIST.NOT_OWN_STAFF_REF',
    'Not your list',
    "staffRef filters a clerk's own list: it must be your own staff reference (your token's staff_ref claim, else its subject). Lists or figures per other staff member are not offered",
  );

@ApiTags('worklist')
@ApiBearerAuth()
@Roles('clerk', 'admin')
@Controller('v1/worklist')
export class WorklistController {
  constructor(@Inject(READ_MODEL_QUERIES) private readonly queries: ReadModelQueries) {}

  @Get()
  @ApiOperation({
    operationId: 'getWorklist',
    summary:
      'What falls due in the cases (open ones; proofs of use also in closed ones): due within `within` days or overdue, oldest first, paged by cursor; text/csv on request',
    description: `Each item names the metric it hurts when missed; the kinds and their due dates are defined in ${METRICS_DOC} ("Worklist"). Computed as of now, rounded up to the minute.`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswer('WorklistAnswer', { csv: WORKLIST_COLUMNS, rows: 'item of the page', paged: true })
  @ApiProblems(400, 401, 503)
  @ApiProblem(404, {
    description: 'The cursor is not one this service issued',
    example: notFound('REQUEST.INVALID_CURSOR', 'This cursor'),
  })
  @ApiProblem(403, {
    description: 'The token has neither clerk nor admin (analysts included), or staffRef is not your own',
    example: notOwnStaffRef(),
  })
  async worklist(
    @Query() query: WorklistQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { locale, within = 14, limit = 100, cursor, ...filter } = query;
    if (filter.staffRef !== undefined && filter.staffRef !== ownStaffRef(principal)) throw notOwnStaffRef();
    let found;
    try {
      found = await this.queries.worklist(principal.tenant, { ...filter, within }, { limit, cursor });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw notFound('REQUEST.INVALID_CURSOR', 'This cursor');
      throw error;
    }
    return answer(request, reply, found, {
      csv: csvAnswer(`${principal.tenant}-worklist.csv`, WORKLIST_COLUMNS, (data) => data.items),
      locale,
      nextCursor: found.data.nextCursor,
    });
  }
}
