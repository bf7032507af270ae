import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@motcua/config';
import { check, ROLES, type FieldProblem, type Principal, type Role, type Rule } from '@motcua/contracts';
import { APP_CONFIG, CLOCK, type Clock } from '@motcua/core';
import { CatalogueRepository, UserRepository } from '@motcua/database';
import { ApiError } from '../common/api-error';
import { signToken } from './jwt.util';
import { LoginThrottle } from './login.throttle';
import { hashPassword, verifyPassword } from './password.util';

const LOGIN: Rule = {
  kind: 'object',
  fields: { username: { kind: 'string', min: 1, max: 64 }, password: { kind: 'string', min: 1, max: 200 } },
};
const NEW_USER: Rule = {
  kind: 'object',
  fields: {
    username: { kind: 'string', min: 3, max: 64, pattern: /^[a-z0-9._-]+$/ },
    password: { kind: 'string', min: 10, max: 200 },
    roles: { kind: 'array', min: 1, max: 5, of: { kind: 'enum', values: ROLES } },
    units: { kind: 'array', min: 1, max: 100, of: { kind: 'string', min: 1, max: 64 } },
  },
};

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly log = new Logger('auth');
  private readonly throttle = new LoginThrottle();

  constructor(
    private readonly users: UserRepository,
    private readonly catalogue: CatalogueRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A fresh install has `admin` with ADMIN_PASSWORD; an existing admin keeps its password. */
  async onApplicationBootstrap(): Promise<void> {
    await this.users.ensure({
      username: 'admin',
      passwordHash: await hashPassword(this.config.adminPassword),
      roles: ['admin'],
      units: ['*'],
    });
    this.log.log('admin user present');
  }

  async token(body: unknown, clientAddress = 'unknown'): Promise<{ accessToken: string; expiresIn: number }> {
    const problems: FieldProblem[] = [];
    const v = check(LOGIN, body, '', problems) as { username: string; password: string } | undefined;
    if (problems.length > 0 || !v) throw ApiError.invalid(problems);
    const now = this.clock.now();
    const keys = [`user:${v.username}`, `ip:${clientAddress}`];
    const wait = this.throttle.retryAfter(keys, now);
    if (wait > 0) throw new ApiError(429, 'rate_limited', `Too many failed logins; retry in ${wait} s`);
    const user = await this.users.find(v.username);
    // The same answer for an unknown user and a wrong password: no user enumeration.
    if (!user || !(await verifyPassword(v.password, user.passwordHash))) {
      this.throttle.fail(keys, now);
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    }
    this.throttle.succeed(keys);
    const principal: Principal = { username: user.username, roles: user.roles, units: user.units };
    return {
      accessToken: signToken(principal, this.config.jwtSecret, this.config.jwtTtlSeconds, this.clock.now()),
      expiresIn: this.config.jwtTtlSeconds,
    };
  }

  async createUser(body: unknown): Promise<{ username: string; roles: Role[]; units: string[] }> {
    const problems: FieldProblem[] = [];
    const v = check(NEW_USER, body, '', problems) as
      { username: string; password: string; roles: Role[]; units: string[] } | undefined;
    if (problems.length > 0 || !v) throw ApiError.invalid(problems);
    const known = new Set((await this.catalogue.units()).map((u) => u.code));
    v.units.forEach((u, i) => {
      if (u !== '*' && !known.has(u)) problems.push({ field: `units[${i}]`, problem: `unknown unit ${u}` });
    });
    if (problems.length > 0) throw ApiError.invalid(problems);
    const created = await this.users.create({
      username: v.username,
      passwordHash: await hashPassword(v.password),
      roles: [...new Set(v.roles)],
      units: [...new Set(v.units)],
    });
    if (!created) throw new ApiError(409, 'conflict', `user ${v.username} already exists`);
    return { username: v.username, roles: [...new Set(v.roles)], units: [...new Set(v.units)] };
  }
}
