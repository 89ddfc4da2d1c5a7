import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { commandExamples, exampleIds } from './commands/dto/examples';
import { PROBLEM_MEDIA_TYPE, PROBLEM_SCHEMA } from './http/api-problems';
import { RESPONSE_SCHEMAS } from './openapi/response-schemas';
import { toOpenApi31 } from './openapi/openapi-31';

const DESCRIPTION = [
  'Commands from administration systems into the event store of co-production between a municipality and its initiatives, ',
  "and the analysts' read models and continuity and trust metrics. ",
  'Errors are `application/problem+json` (RFC 9457) with a stable `code`. ',
  'The metrics are defined in docs/METRICS.md of the repository. ',
  'Numbers in JSON are unrounded; CSV answers (`Accept: text/csv`) round fractional numbers to 4 decimals.',
].join('');

/** Path ids get the ids the command examples use, so that "try it out" finds something after the example story. */
const ID_EXAMPLES = {
  caseId: exampleIds.case,
  initiativeId: exampleIds.initiative,
  unitId: exampleIds.contactPointUnit,
  fundId: exampleIds.fund,
} as const;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Koproduktiv API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'Claims: `sub`, `tenant` (the municipality), `roles` (clerk, analyst, auditor, admin, operator) and `exp`: a token without an expiry is refused ' +
        "(401 AUTH.TOKEN_WITHOUT_EXPIRY). Every role acts inside its tenant, except `operator`, the installation's operators, who rebuild the read models of every municipality.",
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
  return finish(document);
}

/** OpenAPI 3.1, the shared schemas, a real example per command body, and problem examples naming their route. */
function finish(generated: OpenAPIObject): OpenAPIObject {
  const document = toOpenApi31(generated);
  document.components = document.components ?? {};
  document.components.schemas = {
    ...document.components.schemas,
    Problem: PROBLEM_SCHEMA as never,
    ...(RESPONSE_SCHEMAS as Record<string, never>),
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as {
      operationId?: string;
      requestBody?: { content?: Record<string, { examples?: object }> };
      responses?: Record<string, { content?: Record<string, { examples?: object }> }>;
      parameters?: { name: string; in: string }[];
    }[]) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      for (const parameter of operation.parameters ?? []) {
        const id = ID_EXAMPLES[parameter.name as keyof typeof ID_EXAMPLES];
        if (parameter.in === 'path' && id)
          Object.assign(parameter, { schema: { type: 'string', format: 'uuid' }, example: id });
      }
      const type = operation.operationId as keyof typeof commandExamples;
      const body = operation.requestBody?.content?.['application/json'];
      if (body && path.startsWith('/v1/commands/') && commandExamples[type]) {
        body.examples = { [type]: { summary: `A valid ${type}`, value: commandExamples[type] } };
      }
      for (const response of Object.values(operation.responses)) {
        for (const example of Object.values(response.content?.[PROBLEM_MEDIA_TYPE]?.examples ?? {}) as {
          value: object;
        }[]) {
          example.value = { ...example.value, instance: path };
        }
      }
    }
  }
  return document;
}

export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
