import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Principal, Role } from '@motcua/contracts';
import { AccessTokens } from '../auth/jwt.util';
import { ApiError } from './api-error';

const PUBLIC = 'motcua:public';
const ROLES = 'motcua:roles';

/** No token needed (login, health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

type AuthedRequest = Request & { principal?: Principal };

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().principal!;
});

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(header);
    // HS256 only, our secret, unexpired at the app's clock (AccessTokens).
    const principal = m ? this.tokens.verify(m[1]) : null;
    if (!principal) throw ApiError.unauthorized();
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !principal.roles.some((r) => roles.includes(r))) {
      throw ApiError.forbidden(`this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
