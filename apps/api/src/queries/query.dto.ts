import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CASE_STAGES, PARTIES, Party, SUPPORTED_YEARS_TEXT } from '@koproduktiv/domain';
import { INTERIM_USE_NOTICE_DAYS, MAX_WORKLIST_WITHIN_DAYS, WORKLIST_KINDS, WorklistKind } from '@koproduktiv/metrics';
import { IsInstantOrDate, IsLocalDate, IsMonth, IsPeriod } from '../commands/dto/shared.dto';
import { exampleIds } from '../commands/dto/examples';
import { CSV_LOCALES, CsvLocale } from './csv/to-csv';

/** `?locale=de`: CSV with `;` between fields and decimal commas, for German spreadsheets. */
export const CsvLocaleParam = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: CSV_LOCALES,
      default: 'en',
      description:
        'CSV only (Accept: text/csv): `de` separates fields with `;` and writes decimal commas, as German spreadsheets expect',
    }),
    IsOptional(),
    IsIn(CSV_LOCALES),
  );

/** `?limit=`: a page's size, a whole number from 1 to `maximum`; without a default where its absence means no page. */
export const PageLimitParam = (page: { maximum: number; default?: number; description?: string }) =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1, ...page }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(page.maximum),
  );

/** `?cursor=`: the nextCursor of the previous page, as the service issued it. */
export const CursorParam = (maxLength: number) =>
  applyDecorators(
    ApiPropertyOptional({ description: 'nextCursor of the previous page' }),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  );

/** `asOf`: an ISO date-time with offset, or a date (meaning the end of that day in the tenant's time zone). */
export class AsOfQueryDto {
  @ApiPropertyOptional({
    description: `Business time T: ISO 8601 date-time with offset, or YYYY-MM-DD for the end of that local day; its date ${SUPPORTED_YEARS_TEXT}. Default: now.`,
    example: '2026-06-30',
  })
  @IsOptional()
  @IsInstantOrDate()
  asOf?: string;
}

export class CaseListQueryDto {
  @ApiPropertyOptional({ enum: CASE_STAGES }) @IsOptional() @IsIn(CASE_STAGES) stage?: string;
  @ApiPropertyOptional({ format: 'uuid', example: exampleIds.initiative })
  @IsOptional()
  @IsUUID()
  initiativeId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    example: exampleIds.buildingUnit,
    description: "The unit the case belongs to (its contact person's, else the acknowledging unit)",
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @ApiPropertyOptional({ maxLength: 200, example: 'stadtteilentwicklung' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'Only (non-)dormant cases as of now' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dormant?: boolean;
  @PageLimitParam({ maximum: 200, default: 50 })
  limit?: number;
  @CursorParam(200)
  cursor?: string;
  @CsvLocaleParam() locale?: CsvLocale;
}

export class SummaryQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({
    description: `Cases submitted on or after this local date (${SUPPORTED_YEARS_TEXT})`,
    example: '2026-01-01',
  })
  @IsOptional()
  @IsLocalDate()
  from?: string;
  @ApiPropertyOptional({
    description: `Cases submitted on or before this local date (${SUPPORTED_YEARS_TEXT})`,
    example: '2026-12-31',
  })
  @IsOptional()
  @IsLocalDate()
  to?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    example: exampleIds.buildingUnit,
    description: "Cases of this unit (its contact person's, else the acknowledging unit)",
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @ApiPropertyOptional({ maxLength: 200, example: 'stadtteilentwicklung' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string;
  @CsvLocaleParam() locale?: CsvLocale;
}

export class TimeseriesQueryDto {
  @ApiProperty({ description: `First month YYYY-MM (${SUPPORTED_YEARS_TEXT})`, example: '2025-01' })
  @IsMonth()
  from!: string;
  @ApiProperty({
    description: `Last month YYYY-MM (at most 120 months after from, ${SUPPORTED_YEARS_TEXT})`,
    example: '2026-12',
  })
  @IsMonth()
  to!: string;
  @ApiPropertyOptional({
    format: 'uuid',
    example: exampleIds.buildingUnit,
    description:
      "Cases of this unit (its contact person's, else the acknowledging unit), as in the summary; and only this unit's staff time",
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @ApiPropertyOptional({ maxLength: 200, example: 'stadtteilentwicklung', description: 'Cases of this category' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  category?: string;
  @CsvLocaleParam() locale?: CsvLocale;
}

export class StaffTimeQueryDto extends AsOfQueryDto {
  @ApiProperty({ description: `YYYY-MM or YYYY-Qn (${SUPPORTED_YEARS_TEXT})`, example: '2026-Q2' })
  @IsPeriod()
  period!: string;
}

export class WorklistQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_WORKLIST_WITHIN_DAYS,
    default: 14,
    description: `Items due within this many days from now, and every overdue one (interim use ending: ${INTERIM_USE_NOTICE_DAYS} days ahead at least)`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_WORKLIST_WITHIN_DAYS)
  within?: number;
  @ApiPropertyOptional({
    format: 'uuid',
    example: exampleIds.buildingUnit,
    description: "Items of this unit's cases (the contact person's unit, else the acknowledging unit)",
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;
  @ApiPropertyOptional({
    maxLength: 200,
    example: 'k.schulte',
    description:
      "Your own list: items of the cases whose contact person you are. Only your own staff reference (the token's staff_ref claim, else its subject); anyone else's is 403 WORKLIST.NOT_OWN_STAFF_REF",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  staffRef?: string;
  @ApiPropertyOptional({ enum: WORKLIST_KINDS }) @IsOptional() @IsIn(WORKLIST_KINDS) kind?: WorklistKind;
  @ApiPropertyOptional({
    enum: PARTIES,
    default: 'administration',
    description: "Whose commitments are listed: the administration's, or the initiative's to follow them up",
  })
  @IsOptional()
  @IsIn(PARTIES)
  promisor?: Party;
  @PageLimitParam({ maximum: 500, default: 100, description: 'Items per page' })
  limit?: number;
  @CursorParam(400)
  cursor?: string;
  @CsvLocaleParam() locale?: CsvLocale;
}

/** A case's history, a page at a time in store order. */
export class CaseHistoryQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    default: 0,
    description: "Resume after this store position (the previous page's nextAfterPosition)",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  afterPosition?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 500, description: 'Entries per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
