import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { getStorageToken, ThrottlerModule, type ThrottlerStorage } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@motcua/config';
import { RATE_LIMIT_STORAGE } from '@motcua/queue';
import { LookupThrottleGuard, lookupThrottler } from '../lookup/lookup.throttle';
import { IntakeThrottleGuard, intakeThrottler } from './intake.throttle';
import { AccessTokens, jwtModuleOptions, PREVIOUS_JWT, previousJwt } from './jwt.util';
import { LoginThrottle } from './login.throttle';

/**
 * What the auth guard and the auth controller need: access tokens (JwtService, secret and TTL from AppConfig),
 * the failed-login throttle, the intake throttle and the public lookup's. The throttles count in RATE_LIMIT_STORAGE (Redis, from the
 * global QueueModule), so every API process on one Redis shares them; without it (unit tests) they count in
 * memory. APP_CONFIG and CLOCK come from the global ApplicationModule.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => jwtModuleOptions(config),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, { token: RATE_LIMIT_STORAGE, optional: true }],
      useFactory: (config: AppConfig, storage?: ThrottlerStorage) => ({
        throttlers: [intakeThrottler(config), lookupThrottler(config)],
        storage,
        // Only Retry-After, on a 429 (IntakeThrottleGuard, LookupThrottleGuard): no X-RateLimit-* headers.
        setHeaders: false,
      }),
    }),
  ],
  providers: [
    AccessTokens,
    {
      provide: PREVIOUS_JWT,
      inject: [APP_CONFIG],
      useFactory: previousJwt,
    },
    IntakeThrottleGuard,
    LookupThrottleGuard,
    {
      provide: LoginThrottle,
      inject: [getStorageToken(), APP_CONFIG],
      useFactory: (storage: ThrottlerStorage, config: AppConfig) =>
        new LoginThrottle(storage, config.rateLimits.loginMaxFailures, config.rateLimits.loginWindowMs),
    },
  ],
  exports: [AccessTokens, LoginThrottle, IntakeThrottleGuard, LookupThrottleGuard],
})
export class AuthModule {}
