import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { UsersService } from '@motcua/application';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import type { TokenResponse } from '@motcua/contracts';
import { ApiError } from '../common/api-error';
import { AccessTokens } from './jwt.util';
import { LoginRateLimited, LoginThrottle } from './login.throttle';

/** Login over HTTP: the throttle per user and address, the password check, the access token. */
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
    const principal = await this.users.verify(login);
    // The same answer for an unknown user and a wrong password: no user enumeration.
    if (!principal) {
      await this.throttle.fail(keys);
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password');
    }
    // The user's failures are forgotten; the address's are not (one valid account must not reset them).
    this.throttle.succeed([userKey]);
    return { accessToken: this.tokens.sign(principal), expiresIn: this.config.jwtTtlSeconds };
  }
}
