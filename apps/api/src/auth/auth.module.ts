import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { getStorageToken, ThrottlerModule, type ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { AccessTokens, jwtModuleOptions } from './jwt.util';
import { LoginThrottle } from './login.throttle';

/**
 * What the auth guard and the auth controller need: access tokens (JwtService, secret and TTL from AppConfig)
 * and the failed-login throttle (ThrottlerModule's storage). APP_CONFIG and CLOCK come from the global ApplicationModule.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => jwtModuleOptions(config),
    }),
    // Only the storage is used (LoginThrottle counts failed logins); no ThrottlerGuard, so no throttler rules.
    ThrottlerModule.forRoot([]),
  ],
  providers: [
    AccessTokens,
    {
      provide: LoginThrottle,
      inject: [getStorageToken()],
      useFactory: (storage: ThrottlerStorage) => new LoginThrottle(storage),
    },
  ],
  exports: [AccessTokens, LoginThrottle],
})
export class AuthModule {}
