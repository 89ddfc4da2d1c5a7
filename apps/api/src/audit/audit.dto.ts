import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { SUPPORTED_YEARS_TEXT } from '@koproduktiv/domain';
import { IsOffsetDateTime } from '../commands/dto/shared.dto';

/** `<category>-<id>` of one of the four aggregates. */
export const STREAM_ID_PATTERN = /^(initiative|unit|fund|case)-[A-Za-z0-9-]{1,100}$/;
const STREAM_ID_MESSAGE = 'streamId must be <initiative|unit|fund|case>-<id>';
const STREAM_ID_EXAMPLE = 'case-0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02';
export const MAX_PAGE = 1000;
/** Versions and positions are bigint in the store; beyond this a JavaScript number is no longer exact. */
const MAX_INTEGER = Number.MAX_SAFE_INTEGER;

export class StreamParamsDto {
  @ApiProperty({ example: STREAM_ID_EXAMPLE, pattern: STREAM_ID_PATTERN.source })
  @Matches(STREAM_ID_PATTERN, { message: STREAM_ID_MESSAGE })
  streamId!: string;
}

export class CaseParamsDto {
  @ApiProperty({ format: 'uuid', example: '0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a02' })
  @IsUUID('all')
  caseId!: string;
}

export class StreamEventsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_INTEGER, default: 1, description: 'First version to return' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_INTEGER)
  fromVersion?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;
}

export class StreamStateQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: `Fold exactly the events recorded at or before this moment (record time, not business time); with offset, ${SUPPORTED_YEARS_TEXT}`,
  })
  @IsOptional()
  @IsOffsetDateTime()
  asOfRecordedAt?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_INTEGER,
    description: 'Fold exactly the events at or before this global position',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INTEGER)
  asOfPosition?: number;
}

export class TimelineQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_INTEGER,
    default: 0,
    description: "Resume after this global position (the previous page's nextAfterPosition)",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_INTEGER)
  afterPosition?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;
}

export class VerifyRequestDto {
  @ApiPropertyOptional({
    example: STREAM_ID_EXAMPLE,
    description: 'One stream; omit to verify every stream of your tenant',
  })
  @IsOptional()
  @Matches(STREAM_ID_PATTERN, { message: STREAM_ID_MESSAGE })
  streamId?: string;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ example: STREAM_ID_EXAMPLE, description: 'Export one stream (not with from/to)' })
  @IsOptional()
  @Matches(STREAM_ID_PATTERN, { message: STREAM_ID_MESSAGE })
  streamId?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: `Record time, inclusive; with offset, ${SUPPORTED_YEARS_TEXT}`,
  })
  @IsOptional()
  @IsOffsetDateTime()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: `Record time, exclusive; with offset, ${SUPPORTED_YEARS_TEXT}`,
  })
  @IsOptional()
  @IsOffsetDateTime()
  to?: string;
}

// ----------------------------------------------------------------------------------------------
// Responses
// ----------------------------------------------------------------------------------------------

class ActorDto {
  @ApiProperty({ example: 'clerk@musterstadt' }) subject!: string;
  @ApiProperty({ example: 'clerk' }) role!: string;
}

class EventMetadataDto {
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty() correlationId!: string;
  @ApiProperty() causationId!: string;
  @ApiPropertyOptional() idempotencyKey?: string;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Global position (record order)' }) position!: number;
  @ApiProperty() tenant!: string;
  @ApiProperty({ example: STREAM_ID_EXAMPLE }) streamId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'RequestSubmitted' }) type!: string;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty({ format: 'date-time', description: 'Business time: when it happened (may be backdated)' })
  occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Record time: when the store accepted it' }) recordedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Event data with personal data in clear (the read is recorded in the access log). A field whose key was destroyed reads {"erased": true, "erasedAt": …}. ' +
      'The store keeps personal data sealed (AES-256-GCM); `hash` covers that stored form, as in the export.',
    'x-personal-data': true,
  } as never)
  data!: Record<string, unknown>;
  @ApiProperty({ type: EventMetadataDto }) metadata!: EventMetadataDto;
  @ApiProperty({ nullable: true, type: String, description: 'Hash of the previous event of the stream' }) prevHash!:
    string | null;
  @ApiProperty({ description: 'sha256 over the canonical event and prevHash' }) hash!: string;
}

export class StreamEventsDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ description: 'The version the stream table records' }) version!: number;
  @ApiProperty({ type: [AuditEventDto] }) events!: AuditEventDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'fromVersion of the next page; null at the end' })
  nextFromVersion!: number | null;
}

class IncludedEventDto {
  @ApiProperty() version!: number;
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

class AsOfDto {
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) recordedAt!: string | null;
  @ApiProperty({ nullable: true, type: Number }) position!: number | null;
}

export class StreamStateDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ enum: ['initiative', 'unit', 'fund', 'case'] }) category!: string;
  @ApiProperty({ type: AsOfDto, description: 'The bound given; both null: the current state' }) asOf!: AsOfDto;
  @ApiProperty({ description: 'Version of the last included event (0: none)' }) version!: number;
  @ApiProperty({ type: [IncludedEventDto], description: 'Exactly the events folded, in version order' })
  includedEvents!: IncludedEventDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The aggregate's state (its decider's evolve folded over includedEvents)",
  })
  state!: unknown;
}

export class TimelineDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({
    type: [AuditEventDto],
    description: "The case's own events and fund events naming it, in global order",
  })
  events!: AuditEventDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'afterPosition of the next page; null at the end' })
  nextAfterPosition!: number | null;
}

class FindingDto {
  @ApiProperty() tenant!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ description: 'Version of the first broken (or missing) event' }) version!: number;
  @ApiProperty({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: Number }) position!: number | null;
  @ApiProperty({
    enum: [
      'version_gap',
      'hash_mismatch',
      'prev_hash_mismatch',
      'position_order',
      'missing_tail',
      'unexpected_tail',
      'tail_hash_mismatch',
      'unknown_stream',
      'missing_events',
    ],
  })
  reason!: string;
  @ApiProperty() detail!: string;
}

class VerifyScopeDto {
  @ApiProperty({ nullable: true, type: String }) tenant!: string | null;
  @ApiProperty({ nullable: true, type: String }) streamId!: string | null;
}

export class VerifyReportDto {
  @ApiProperty({ description: 'True when every stream checked is intact' }) ok!: boolean;
  @ApiProperty({ type: VerifyScopeDto }) scope!: VerifyScopeDto;
  @ApiProperty() streamsChecked!: number;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty() brokenStreams!: number;
  @ApiProperty({ type: [FindingDto], description: 'The first broken event of each damaged stream' })
  findings!: FindingDto[];
  @ApiProperty() findingsTruncated!: boolean;
  @ApiProperty() durationMs!: number;
}

export const SUBJECT_KINDS = ['initiative-contact', 'case-narratives'] as const;

export class SubjectParamsDto {
  @ApiProperty({
    enum: SUBJECT_KINDS,
    description:
      "initiative-contact: an initiative's contact person (and the dissolution reason); case-narratives: the free text of a case",
  })
  @IsIn(SUBJECT_KINDS as unknown as string[], { message: `kind must be one of ${SUBJECT_KINDS.join(', ')}` })
  kind!: (typeof SUBJECT_KINDS)[number];

  @ApiProperty({ format: 'uuid', description: "The initiative's id, or the case's id" })
  @IsUUID('all')
  id!: string;
}

class SubjectKeyDto {
  @ApiProperty({ format: 'uuid' }) keyId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the key was destroyed (crypto-shredded); null while it exists',
  })
  destroyedAt!: string | null;
}

class SubjectHoldingDto {
  @ApiProperty() streamId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'date-time', description: 'Since when the store holds it' }) recordedAt!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The personal-data fields of the event, in clear or as {"erased": true, "erasedAt": …}',
    'x-personal-data': true,
  } as never)
  fields!: Record<string, unknown>;
}

class SubjectElsewhereDto {
  @ApiProperty() place!: string;
  @ApiProperty() holds!: string;
}

export class SubjectAccessDto {
  @ApiProperty({ enum: SUBJECT_KINDS }) kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({
    description: 'True when every key of the subject is destroyed: nothing personal is readable any more',
  })
  erased!: boolean;
  @ApiProperty({
    type: [SubjectKeyDto],
    description: 'Every data key the subject ever had (one per generation: a new one after each erasure)',
  })
  keys!: SubjectKeyDto[];
  @ApiProperty({ type: [SubjectHoldingDto], description: 'Every event that holds personal data of the subject' })
  holdings!: SubjectHoldingDto[];
  @ApiProperty({
    type: [SubjectElsewhereDto],
    description: 'The other places Koproduktiv keeps data, and what of the subject they hold',
  })
  elsewhere!: SubjectElsewhereDto[];
}

class ResealDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The chain head before the rewrite' }) oldHeadHash!:
    string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The chain head after it (what the stream table records since)',
  })
  newHeadHash!: string | null;
  @ApiProperty({ description: 'Events whose plain-text personal data was sealed' }) eventsSealed!: number;
  @ApiProperty({ format: 'date-time' }) resealedAt!: string;
  @ApiProperty() reason!: string;
}

export class ResealsDto {
  @ApiProperty({ type: [ResealDto], description: 'Empty for a store that never held personal data in plain text' })
  reseals!: ResealDto[];
}
