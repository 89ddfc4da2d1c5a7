import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExtraModels, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import {
  decideWithReactions,
  DEFAULT_TENANT_RULES,
  DomainCommand,
  DomainEvent,
  INITIATIVE_KINDS,
  PERSONAL_DATA,
  PUBLIC_COMMAND_TYPES,
  PublicCommandType,
  REQUESTED_SUPPORT_KINDS,
  Streams,
} from '@koproduktiv/domain';
import { commandExamples, commandExampleSequence } from './examples';
import { commandDtos, InitiativeContactDto, TrustScoresDto } from './index';

type Schema = {
  type?: string;
  format?: string;
  description?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  allOf?: { $ref: string }[];
  $ref?: string;
  [key: string]: unknown;
};

const models = [...Object.values(commandDtos), InitiativeContactDto, TrustScoresDto];

@ApiExtraModels(...models)
@Controller()
class DocsController {}

@Module({ controllers: [DocsController] })
class DocsModule {}

/** The fields class-validator knows for a DTO (its own and inherited). */
const validatedFields = (dto: abstract new (...args: never[]) => unknown): string[] => [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((m) => m.propertyName),
  ),
];

describe('OpenAPI description of the command DTOs', () => {
  let document: OpenAPIObject;
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    const app = await NestFactory.create<NestFastifyApplication>(DocsModule, new FastifyAdapter(), { logger: false });
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
    await app.close();
  });

  it('contains the DTOs and their nested objects, nothing else', () => {
    expect(Object.keys(schemas).sort()).toEqual(models.map((model) => model.name).sort());
  });

  it.each([...PUBLIC_COMMAND_TYPES])('%sDto describes every validated field', (type) => {
    const dto = commandDtos[type];
    const schema = schemas[dto.name];
    expect(schema).toBeDefined();
    expect(schema.description).toMatch(/\S/);
    const properties = schema.properties ?? {};
    expect(Object.keys(properties).sort()).toEqual(validatedFields(dto).sort());
    for (const [name, property] of Object.entries(properties)) {
      expect({ name, description: property.description }).toEqual({ name, description: expect.stringMatching(/\S/) });
      expect({ name, typed: Boolean(property.type || property.allOf || property.$ref) }).toEqual({ name, typed: true });
    }
    expect(schema.required ?? []).not.toContain('occurredAt');
    expect(properties.occurredAt).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('nested objects describe their fields too', () => {
    for (const dto of [InitiativeContactDto, TrustScoresDto]) {
      expect(Object.keys(schemas[dto.name].properties ?? {}).sort()).toEqual(validatedFields(dto).sort());
    }
    expect(schemas.TrustScoresDto.properties?.openness).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
    expect(schemas.InitiativeContactDto.required).toEqual(['name']);
  });

  it('marks exactly the fields the domain seals as personal data (x-personal-data), and says so', () => {
    // Command and event fields share their names, so what a command's events seal is what its DTO must mark.
    const sealedByEventsOf = (type: PublicCommandType) => {
      const story = commandExampleSequence.findIndex((step) => step.type === type);
      // ConfirmGrantAward (by a second clerk) confirms the story's proposal before it is withdrawn.
      const withdrawal = commandExampleSequence.findIndex((step) => step.type === 'WithdrawGrantProposal');
      const before =
        type === 'ConfirmGrantAward' ? commandExampleSequence.slice(0, withdrawal) : commandExampleSequence;
      const steps =
        story >= 0 ? commandExampleSequence.slice(0, story + 1) : [...before, { type, body: commandExamples[type] }];
      const streams: Streams = new Map();
      let last: DomainEvent[] = [];
      for (const step of steps) {
        const command = { type: step.type, data: step.body } as DomainCommand;
        const decidedBy = step.type === 'ConfirmGrantAward' ? 'second-clerk' : 'clerk';
        last = decideWithReactions(streams, command, { decidedBy, rules: DEFAULT_TENANT_RULES });
      }
      return new Set(last.flatMap((event) => PERSONAL_DATA[event.type]?.fields ?? []));
    };
    for (const type of PUBLIC_COMMAND_TYPES) {
      const properties = schemas[`${type}Dto`].properties ?? {};
      const marked = Object.keys(properties).filter((field) => properties[field]['x-personal-data'] === true);
      expect({ type, marked: marked.sort() }).toEqual({
        type,
        marked: [...sealedByEventsOf(type)].filter((field) => field in properties).sort(),
      });
      for (const field of marked) expect(properties[field].description).toMatch(/personal data/i);
    }
  });

  it('carries formats, bounds, enumerations and the personal-data mark', () => {
    const register = schemas.RegisterInitiativeDto;
    expect(register.required?.sort()).toEqual(['contact', 'initiativeId', 'kind', 'name']);
    expect(register.properties?.initiativeId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(register.properties?.name).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
    expect(register.properties?.contact).toMatchObject({
      'x-personal-data': true,
      allOf: [{ $ref: '#/components/schemas/InitiativeContactDto' }],
    });
    expect(register.properties?.kind).toMatchObject({ type: 'string', enum: [...INITIATIVE_KINDS] });

    const submit = schemas.SubmitRequestDto.properties ?? {};
    expect(submit.requestedSupport).toMatchObject({
      type: 'array',
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', enum: [...REQUESTED_SUPPORT_KINDS] },
    });

    expect(schemas.AwardGrantDto.properties?.amountCents).toMatchObject({
      type: 'integer',
      format: 'int64',
      minimum: 1,
      maximum: 1_000_000_000_000,
    });
    expect(schemas.MakeCommitmentDto.properties?.dueOn).toMatchObject({ type: 'string', format: 'date' });
    expect(schemas.SetStaffTimeBudgetDto.properties?.period).toMatchObject({
      pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$',
    });
    expect(schemas.LogStaffTimeDto.properties?.hours).toMatchObject({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10000,
    });
    expect(schemas.AgreeInterimUseDto.properties?.conditions).toMatchObject({
      type: 'array',
      maxItems: 20,
      items: { type: 'string', minLength: 1, maxLength: 1000 },
    });
    expect(schemas.AcknowledgeRequestDto.properties?.staffRef).toMatchObject({
      maxLength: 128,
      pattern: '^[A-Za-z0-9._:@/-]{1,128}$',
    });
  });
});
