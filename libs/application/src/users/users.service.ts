import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import {
  loginRequestSchema,
  newUserRequestSchemaFor,
  parseWith,
  type LoginRequest,
  type Principal,
  type UserView,
} from '@motcua/contracts';
import { CatalogueRepository, UserRepository } from '@motcua/database';
import { AppError } from '../app-error';
import { hashPassword, verifyPassword } from './password.util';

/** The accounts: the bootstrap admin, creation by an administrator, and the check of a password. */
@Injectable()
export class UsersService {
  private readonly log = new Logger('users');

  constructor(
    private readonly users: UserRepository,
    private readonly catalogue: CatalogueRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A fresh install has `admin` with ADMIN_PASSWORD; an existing admin keeps its password. */
  async ensureAdmin(): Promise<void> {
    await this.users.ensure({
      username: 'admin',
      passwordHash: await hashPassword(this.config.adminPassword),
      roles: ['admin'],
      units: ['*'],
    });
    this.log.log('admin user present');
  }

  /** The login body, checked; 400 with the fields otherwise. */
  parseLogin(body: unknown): LoginRequest {
    const v = parseWith(loginRequestSchema, body);
    if (!v.ok) throw AppError.invalid(v.problems);
    return v.value;
  }

  /** The principal whose password this is, or null for an unknown user and a wrong password alike. */
  async verify(login: LoginRequest): Promise<Principal | null> {
    const user = await this.users.find(login.username);
    if (!user || !(await verifyPassword(login.password, user.passwordHash))) return null;
    return { username: user.username, roles: user.roles, units: user.units };
  }

  async create(body: unknown): Promise<UserView> {
    const known = (await this.catalogue.units()).map((u) => u.code);
    const v = parseWith(newUserRequestSchemaFor(known), body);
    if (!v.ok) throw AppError.invalid(v.problems);
    const user = {
      username: v.value.username,
      roles: [...new Set(v.value.roles)],
      units: [...new Set(v.value.units)],
    };
    const created = await this.users.create({ ...user, passwordHash: await hashPassword(v.value.password) });
    if (!created) throw new AppError(409, 'conflict', `user ${user.username} already exists`);
    return user;
  }
}
