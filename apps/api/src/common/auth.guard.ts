import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { UsersService } from '@motcua/application';
import type { Principal, Role } from '@motcua/contracts';
import { AccessTokens } from '../auth/jwt.util';
import { ApiError } from './api-error';

const PUBLIC = 'motcua:public';
const ROLES = 'motcua:roles';
const TOKEN_ONLY_WHEN_STORE_DOWN = 'motcua:token-only-when-store-down';

/** No token needed (login, health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
/**
 * When the users cannot be read (PostgreSQL down), the token alone decides, with the roles it carries: for
 * administrators' views of the outage itself (the health details). Everywhere else that answers 503.
 */
export const TokenOnlyWhenStoreDown = () => SetMetadata(TOKEN_ONLY_WHEN_STORE_DOWN, true);

export type AuthedRequest = Request & { principal?: Principal };

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().principal!;
});

/**
 * Every route but the public ones: a valid HS256 token of ours, unexpired at the app's clock (AccessTokens), whose
 * user exists, is enabled and still has the token's version (UsersService.authenticate, a primary-key lookup).
 * The stored user's roles and units are the principal's.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(header);
    const token = m ? this.tokens.read(m[1]) : null;
    if (!token) throw ApiError.unauthorized();
    let principal: Principal | null;
    try {
      principal = await this.users.authenticate(token.principal.username, token.tokenVersion);
    } catch (err) {
      if (!this.reflector.getAllAndOverride<boolean>(TOKEN_ONLY_WHEN_STORE_DOWN, targets)) throw err;
      principal = token.principal;
    }
    if (!principal) throw ApiError.unauthorized();
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !principal.roles.some((r) => roles.includes(r))) {
      throw ApiError.forbidden(`this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
