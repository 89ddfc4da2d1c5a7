import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role, TokenVerifier, unauthorized } from '@koproduktiv/platform';
import { ProblemError } from './problem-error';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Every route needs a valid bearer token and one of its declared roles, unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) throw unauthorized('Send Authorization: Bearer <token>');
    const principal = await this.verifier.verify(token);
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (required.length === 0) {
      throw new ProblemError(403, 'AUTH.FORBIDDEN', 'Not allowed', 'This route declares no role');
    }
    if (!required.some((role) => principal.roles.includes(role))) {
      throw new ProblemError(
        403,
        'AUTH.FORBIDDEN',
        'Not allowed',
        `This needs the role ${required.join(' or ')}; the token has ${principal.roles.join(', ') || 'none'}`,
      );
    }
    return true;
  }
}
