import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from '@koproduktiv/platform';

export const ROLES_KEY = 'koproduktiv:roles';
export const PUBLIC_KEY = 'koproduktiv:public';

/** The roles of which the caller needs at least one. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Reachable without a token (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().principal,
);
