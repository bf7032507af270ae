import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type Session, UsersService } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import type { Principal, TokenResponse } from '@motcua/contracts';
import { ApiError } from '../common/api-error';
import { AccessTokens } from './jwt.util';
import { LoginRateLimited, LoginThrottle } from './login.throttle';

/** Login and one's own password over HTTP: the throttle per user and address, the password check, the token. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The API creates the bootstrap admin when it starts (the worker has no accounts to keep). */
  onApplicationBootstrap(): Promise<void> {
    return this.users.ensureAdmin();
  }

  async token(body: unknown, clientAddress = 'unknown'): Promise<TokenResponse> {
    const login = this.users.parseLogin(body);
    const userKey = `user:${login.username}`;
    const keys = [userKey, `ip:${clientAddress}`];
    const wait = await this.throttle.retryAfter(keys);
    if (wait > 0) throw new LoginRateLimited(wait);
    const session = await this.users.checkPassword(login);
    // The same answer (and the same work) for an unknown user, a wrong password and a disabled user.
    if (!session) {
      await this.throttle.fail(keys);
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    }
    // The user's failures are forgotten; the address's are not (one valid account must not reset them).
    await this.throttle.succeed([userKey]);
    return this.issue(session);
  }

  /**
   * A user changes its own password: a wrong current password counts as a failed login (same throttle), and
   * every token of the user is revoked; the answer is a fresh token for this session.
   */
  async changePassword(
    principal: Principal,
    body: unknown,
    clientAddress = 'unknown',
  ): Promise<TokenResponse> {
    const change = this.users.parsePasswordChange(body);
    const userKey = `user:${principal.username}`;
    const keys = [userKey, `ip:${clientAddress}`];
    const wait = await this.throttle.retryAfter(keys);
    if (wait > 0) throw new LoginRateLimited(wait);
    const session = await this.users.changeOwnPassword(principal, change);
    if (!session) {
      await this.throttle.fail(keys);
      throw ApiError.invalid([{ field: 'currentPassword', problem: 'is not the current password' }]);
    }
    await this.throttle.succeed([userKey]);
    return this.issue(session);
  }

  private issue(session: Session): TokenResponse {
    return {
      accessToken: this.tokens.sign(session.principal, session.tokenVersion),
      expiresIn: this.config.jwtTtlSeconds,
    };
  }
}
