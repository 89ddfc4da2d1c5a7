import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CASE_STAGES } from '@koproduktiv/domain';
import { CSV_LOCALES, CsvLocale } from './csv/to-csv';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** `?locale=de`: CSV with `;` between fields and decimal commas, for German spreadsheets. */
const CsvLocaleParam = () => applyDecorators(
  ApiPropertyOptional({ enum: CSV_LOCALES, default: 'en', description: 'CSV only (Accept: text/csv): `de` separates fields with `;` and writes decimal commas, as German spreadsheets expect' }),
  IsOptional(),
  IsIn(CSV_LOCALES),
);

/** `asOf`: an ISO date-time with offset, or a date (meaning the end of that day in the tenant's time zone). */
export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Business time T: ISO 8601 date-time with offset, or YYYY-MM-DD for the end of that local day. Default: now.', example: '2026-06-30' })
  @IsOptional() @Matches(INSTANT, { message: 'asOf must be an ISO 8601 date-time with offset or a date YYYY-MM-DD' })
  asOf?: string;
}

export class CaseListQueryDto {
  @ApiPropertyOptional({ enum: CASE_STAGES }) @IsOptional() @IsIn(CASE_STAGES) stage?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() initiativeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) category?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'Only (non-)dormant cases as of now' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() dormant?: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @CsvLocaleParam() locale?: CsvLocale;
}

export class SummaryQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Cases submitted on or after this local date', example: '2026-01-01' }) @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional({ description: 'Cases submitted on or before this local date', example: '2026-12-31' }) @IsOptional() @Matches(DATE) to?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) category?: string;
  @CsvLocaleParam() locale?: CsvLocale;
}

export class TimeseriesQueryDto {
  @ApiProperty({ description: 'First month YYYY-MM', example: '2025-01' }) @Matches(MONTH, { message: 'from must be a month YYYY-MM' }) from!: string;
  @ApiProperty({ description: 'Last month YYYY-MM (at most 120 months after from)', example: '2026-12' }) @Matches(MONTH, { message: 'to must be a month YYYY-MM' }) to!: string;
  @CsvLocaleParam() locale?: CsvLocale;
}

export class StaffTimeQueryDto extends AsOfQueryDto {
  @ApiProperty({ description: 'YYYY-MM or YYYY-Qn', example: '2026-Q2' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { message: 'period must be YYYY-MM or YYYY-Qn' }) period!: string;
}
