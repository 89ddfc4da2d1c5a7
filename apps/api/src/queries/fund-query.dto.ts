import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '@koproduktiv/metrics';
import type { CsvLocale } from './csv/to-csv';
import { AsOfQueryDto, CsvLocaleParam, CursorParam, PageLimitParam } from './query.dto';

export const PROOF_FILTERS = ['due', 'overdue'] as const;

export class FundStatementQueryDto extends AsOfQueryDto {
  @CsvLocaleParam() locale?: CsvLocale;
}

export class FundApplicationsQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({
    enum: APPLICATION_STATUSES,
    description: 'Only applications in this procedure state as of T',
  })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
  @ApiPropertyOptional({
    enum: PROOF_FILTERS,
    description:
      "Only awards whose proof of use is owed (no review yet) and `due`: proofDueOn not passed yet, or `overdue`: past the end of proofDueOn in the municipality's time zone",
  })
  @IsOptional()
  @IsIn(PROOF_FILTERS)
  proof?: (typeof PROOF_FILTERS)[number];
  @PageLimitParam({ maximum: 1000, default: 200, description: 'Applications per page' })
  limit?: number;
  @CursorParam(200)
  cursor?: string;
  @CsvLocaleParam() locale?: CsvLocale;
}
