import { randomUUID } from 'node:crypto';
import { applyDecorators, Body, Controller, HttpCode, Post, Req, Res, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { commandCatalog, DomainCommand, PublicCommandType } from '@koproduktiv/domain';
import type { Principal } from '@koproduktiv/platform';
import { commandRole } from './command-roles';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblem, ApiProblems } from '../http/api-problems';
import { toProblem } from '../http/problem-mapping';
import { conflictExample, notFoundExample } from './command-problem-examples';
import { CommandResultDto } from './command-result.dto';
import { parseIdempotencyKey, parseIfMatch } from './command-headers';
import { CommandEnvelope, CommandExecutor } from '@koproduktiv/application';

type CommandBody = { occurredAt?: string } & Record<string, unknown>;

/**
 * One route per command type, `POST /v1/commands/<Type>`, each with its own DTO so that validation
 * and the OpenAPI document describe every command exactly. Built from the DTO catalog. Every route
 * hands its envelope straight to the CommandExecutor: a command bus would dispatch one generic
 * command class to one handler, an indirection with nothing to choose between.
 */
export function buildCommandsController(dtos: Readonly<Record<PublicCommandType, Type<unknown>>>): Type<unknown> {
  @ApiTags('commands')
  @ApiBearerAuth()
  @Roles('clerk')
  @Controller('v1/commands')
  class CommandsController {
    constructor(readonly executor: CommandExecutor) {}
  }

  for (const type of Object.keys(dtos) as PublicCommandType[]) {
    const handler = async function (
      this: CommandsController,
      body: CommandBody,
      principal: Principal,
      request: FastifyRequest,
      reply: FastifyReply,
    ) {
      const { occurredAt, ...data } = body;
      const envelope: CommandEnvelope = {
        tenant: principal.tenant,
        actor: { subject: principal.subject, role: commandRole(type) },
        command: { type, data: JSON.parse(JSON.stringify(data)) } as DomainCommand,
        occurredAt: occurredAt === undefined ? undefined : new Date(occurredAt),
        correlationId: String(request.id),
        commandId: randomUUID(),
        idempotencyKey: parseIdempotencyKey(request.headers['idempotency-key']),
        expectedVersion: parseIfMatch(request.headers['if-match']),
      };
      const result = await this.executor.execute(envelope);
      reply.header('ETag', `"${result.version}"`);
      return result;
    };
    Object.defineProperty(CommandsController.prototype, type, { value: handler, writable: true, configurable: true });
    const prototype = CommandsController.prototype;
    Reflect.defineMetadata('design:paramtypes', [dtos[type], Object, Object, Object], prototype, type);
    Body()(prototype, type, 0);
    CurrentPrincipal()(prototype, type, 1);
    Req()(prototype, type, 2);
    Res({ passthrough: true })(prototype, type, 3);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, type) as PropertyDescriptor;
    applyDecorators(
      Post(type),
      Roles(commandRole(type)),
      HttpCode(200),
      ApiOperation({
        operationId: type,
        summary: `${type} (${commandCatalog[type]} stream; role ${commandRole(type)})`,
      }),
      ApiBody({ type: dtos[type] }),
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description: 'A retry with the same key and body returns the first response and appends nothing',
      }),
      ApiHeader({
        name: 'If-Match',
        required: false,
        description: 'Expected stream version, e.g. "3"; 412 if the stream is elsewhere',
      }),
      ApiHeader({
        name: 'X-Correlation-Id',
        required: false,
        description: 'Carried into every event this command causes',
      }),
      ApiOkResponse({ type: CommandResultDto, description: 'Events appended (ETag: the stream version)' }),
      ApiProblems(400, 401, 403),
      ...commandProblems(type),
      ApiProblems(412, 413, 415, 422, 503),
    )(prototype, type, descriptor);
  }
  return CommandsController;
}

/** 404 (where the command needs an existing stream) and 409, each with what this command really gets. */
function commandProblems(type: PublicCommandType) {
  const missing = notFoundExample(type);
  return [
    ...(missing
      ? [
          ApiProblem(404, {
            description: 'The stream the command needs does not exist in your municipality',
            example: toProblem(missing),
          }),
        ]
      : []),
    ApiProblem(409, {
      description: 'A domain rule forbids the command, or a concurrent write won twice',
      example: toProblem(conflictExample(type)),
    }),
  ];
}
