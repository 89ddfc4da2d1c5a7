import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { PersonalData } from '@koproduktiv/personal-data';
import type { Principal } from '@koproduktiv/platform';
import { PERSONAL_DATA } from '../audit/audit.service';
import { CurrentPrincipal, Roles } from '../http/auth.decorators';
import { ApiProblems } from '../http/api-problems';

const MAX_PAGE = 1000;

export class AccessLogQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    default: 0,
    description: "Resume after this entry (the previous page's nextAfterId)",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  afterId?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;
}

class AccessLogEntryDto {
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: "The token's subject" }) actor!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ example: 'audit.stream-events' }) action!: string;
  @ApiProperty({
    description: 'The stream or data subject read',
    example: 'initiative-0195a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a01',
  })
  target!: string;
  @ApiProperty({ nullable: true, type: String, description: "The request's X-Purpose header" }) purpose!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The request id (X-Correlation-Id or generated)' })
  requestId!: string | null;
}

class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto] }) entries!: AccessLogEntryDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'afterId of the next page; null at the end' })
  nextAfterId!: number | null;
}

/** Accountability (DSGVO Art. 5(2)): who read personal data in clear. Append-only; admins of the tenant page through it. */
@ApiTags('data protection')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/admin/access-log')
export class AccessLogController {
  constructor(@Inject(PERSONAL_DATA) private readonly personalData: PersonalData) {}

  @Get()
  @ApiOperation({
    operationId: 'adminAccessLog',
    summary:
      'Every read of personal data in clear in your tenant (who, when, which stream or subject, the stated purpose), oldest first',
  })
  @ApiOkResponse({ type: AccessLogPageDto })
  @ApiProblems(400, 401, 403, 503)
  async page(@Query() query: AccessLogQueryDto, @CurrentPrincipal() principal: Principal): Promise<AccessLogPageDto> {
    const limit = query.limit ?? 100;
    const rows = await this.personalData.accessLog.page(principal.tenant, query.afterId ?? 0, limit + 1);
    const entries = rows.slice(0, limit).map((row) => ({ ...row, at: row.at.toISOString() }));
    return {
      entries: entries.map(({ tenant: _tenant, ...entry }) => entry),
      nextAfterId: rows.length > limit ? entries[entries.length - 1].id : null,
    };
  }
}
