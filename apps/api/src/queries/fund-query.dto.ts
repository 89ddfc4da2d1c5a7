import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { APPLICATION_STATUSES, ApplicationStatus } from '@koproduktiv/metrics';
import { DECIDED_PAGE } from '@koproduktiv/projections';
import type { CsvLocale } from './csv/to-csv';
import { AsOfQueryDto, CsvLocaleParam, CursorParam, PageLimitParam } from './query.dto';

export const PROOF_FILTERS = ['due', 'overdue'] as const;

/** A statement cursor: T, read-model position and the last row's keys (an instant and an applicationId), base64url. */
const STATEMENT_CURSOR_LENGTH = 300;

export class FundQueryDto extends AsOfQueryDto {
  @PageLimitParam({ maximum: 1000, default: DECIDED_PAGE, description: 'Decided applications per page' })
  limit?: number;
  @CursorParam(STATEMENT_CURSOR_LENGTH)
  cursor?: string;
}

/** Applications per statement page when a cursor comes without a limit. */
export const STATEMENT_PAGE = 1000;

export class FundStatementQueryDto extends AsOfQueryDto {
  @PageLimitParam({
    maximum: 1000,
    description: `Applications per page. Without limit and cursor, the whole statement; with either, a page (${STATEMENT_PAGE} applications unless limit says otherwise; the fund's columns on every page)`,
  })
  limit?: number;
  @CursorParam(STATEMENT_CURSOR_LENGTH)
  cursor?: string;
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
  @CursorParam(STATEMENT_CURSOR_LENGTH)
  cursor?: string;
  @CsvLocaleParam() locale?: CsvLocale;
}
