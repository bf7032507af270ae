import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AppConfig } from '@motcua/config';
import type { Principal, Role } from '@motcua/contracts';
import { APP_CONFIG, CLOCK, type Clock } from '@motcua/core';
import { verifyToken } from '../auth/jwt.util';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(header);
    const principal = m ? verifyToken(m[1], this.config.jwtSecret, this.clock.now()) : null;
    if (!principal) throw ApiError.unauthorized();
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !principal.roles.some((r) => roles.includes(r))) {
      throw ApiError.forbidden(`this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
