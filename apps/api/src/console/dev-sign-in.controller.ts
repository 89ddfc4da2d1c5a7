import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';
import { ROLES, TENANT_PATTERN } from '@koproduktiv/platform';
import type { IssueTokenOptions, Role } from '@koproduktiv/platform';
import { Public } from '../http/auth.decorators';
import { ApiProblems } from '../http/api-problems';

export const DEV_TOKENS = Symbol('DEV_TOKENS');

/** Issues a token signed with the embedded default's HS256 secret. */
export type DevTokenIssuer = (options: IssueTokenOptions) => Promise<string>;

/** Eight hours: a working day, as the CLI's `token` command gives. */
const TTL_SECONDS = 8 * 3600;

export class DevSignInDto {
  @ApiProperty({ pattern: TENANT_PATTERN.source, example: 'musterstadt', description: 'The municipality' })
  @Matches(TENANT_PATTERN, { message: `tenant must match ${TENANT_PATTERN.source}` })
  tenant!: string;

  @ApiProperty({ type: [String], enum: ROLES, minItems: 1, maxItems: ROLES.length, example: ['analyst'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

/**
 * The development sign-in of the console: on the embedded default only (the HS256 secret in
 * DATA_DIR signs tokens, the service listens on loopback). The route is not registered otherwise,
 * so it answers 404 wherever tokens come from an identity provider.
 */
@ApiTags('console')
@Public()
@Controller('v1/dev')
export class DevSignInController {
  constructor(@Inject(DEV_TOKENS) private readonly issue: DevTokenIssuer) {}

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'devSignIn',
    summary: 'Development sign-in: a token for a tenant and roles (embedded default only)',
    description:
      'Exists only while the service verifies tokens with the embedded HS256 secret of DATA_DIR and listens on loopback; ' +
      'with JWT_JWKS_URL (an identity provider) it is 404. The token expires after eight hours.',
  })
  @ApiOkResponse({
    description: 'A bearer token',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/DevSignIn' } } },
  })
  @ApiProblems(400)
  async signIn(@Body() body: DevSignInDto) {
    const expiresAt = new Date(Math.floor(Date.now() / 1000 + TTL_SECONDS) * 1000);
    const accessToken = await this.issue({
      tenant: body.tenant,
      roles: body.roles,
      subject: `${body.roles.join('+')}@${body.tenant}`,
      ttlSeconds: TTL_SECONDS,
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresAt: expiresAt.toISOString(),
      tenant: body.tenant,
      roles: body.roles,
    };
  }
}
