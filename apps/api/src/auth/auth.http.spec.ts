/**
 * The auth pieces over real HTTP, without PostgreSQL: the AuthModule wiring, AuthController/AuthService with
 * in-memory repositories, the global AuthGuard and ErrorFilter, helmet and Swagger UI as createApiApp sets them.
 */
import type { AddressInfo } from 'node:net';
import { Controller, Get, Global, type INestApplication, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JwtService } from '@nestjs/jwt';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Principal } from '@motcua/contracts';
import { CLOCK, hashPassword, UsersService } from '@motcua/application';
import { APP_CONFIG } from '@motcua/config';
import { CatalogueRepository, UserRepository } from '@motcua/database';
import { AuthGuard, CurrentUser } from '../common/auth.guard';
import { ErrorFilter } from '../common/error.filter';
import { AuthController } from './auth.controller';
import { AuthModule } from './auth.module';
import { AuthService } from './auth.service';
import { securityHeaders } from './security-headers';

const SECRET = 'http-spec-secret';
const TTL = 3600;
const PASSWORD = 'right-password-123';
const clock = { t: Date.parse('2025-03-20T03:00:00Z'), now: () => clock.t };

@Global()
@Module({
  providers: [
    {
      provide: APP_CONFIG,
      useValue: {
        jwtSecret: SECRET,
        jwtTtlSeconds: TTL,
        adminPassword: PASSWORD,
        rateLimits: {
          loginMaxFailures: 10,
          loginWindowMs: 300_000,
          intakeRequests: 100,
          intakeWindowMs: 60_000,
          lookupRequests: 30,
          lookupWindowMs: 60_000,
        },
      },
    },
    { provide: CLOCK, useValue: clock },
  ],
  exports: [APP_CONFIG, CLOCK],
})
class FakeCoreModule {}

@Controller('api/v1')
class WhoAmIController {
  @Get('whoami')
  whoami(@CurrentUser() p: Principal) {
    return p;
  }
}

let app: INestApplication;
let base: string;
const call = (method: string, path: string, opts: { token?: string; body?: unknown } = {}) =>
  fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
const login = (username: string, password: string) =>
  call('POST', '/api/v1/auth/token', { body: { username, password } });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

beforeAll(async () => {
  const hash = await hashPassword(PASSWORD);
  const users = {
    create: async () => false,
    find: async (username: string) =>
      username === 'an'
        ? {
            username,
            passwordHash: hash,
            roles: ['officer'],
            units: ['LDTBXH.MC'],
            disabled: false,
            tokenVersion: 0,
            createdAt: 0,
            updatedAt: 0,
          }
        : null,
  };
  @Module({
    imports: [FakeCoreModule, AuthModule],
    controllers: [AuthController, WhoAmIController],
    providers: [
      AuthService,
      UsersService,
      { provide: UserRepository, useValue: users },
      { provide: CatalogueRepository, useValue: { units: async () => [] } },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ErrorFilter },
    ],
  })
  class HttpSpecModule {}
  const nest = await NestFactory.create<NestExpressApplication>(HttpSpecModule, { logger: false });
  nest.disable('x-powered-by');
  nest.use(securityHeaders('/docs'));
  SwaggerModule.setup('docs', nest, SwaggerModule.createDocument(nest, new DocumentBuilder().build()));
  await nest.listen(0, '127.0.0.1');
  app = nest;
  base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
});

describe('tokens over HTTP', () => {
  it('a login token opens protected routes until it expires by the app clock', async () => {
    const start = clock.t;
    try {
      const res = await login('an', PASSWORD);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { accessToken: string; expiresIn: number };
      expect(body).toEqual({ accessToken: expect.any(String), expiresIn: TTL });
      const me = await call('GET', '/api/v1/whoami', { token: body.accessToken });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ username: 'an', roles: ['officer'], units: ['LDTBXH.MC'] });
      clock.t += TTL * 1000 - 1000;
      expect((await call('GET', '/api/v1/whoami', { token: body.accessToken })).status).toBe(200);
      clock.t += 1000;
      const expired = await call('GET', '/api/v1/whoami', { token: body.accessToken });
      expect(expired.status).toBe(401);
      expect(await expired.json()).toEqual({
        error: { code: 'unauthorized', message: 'A valid bearer token is required', details: [] },
      });
    } finally {
      clock.t = start;
    }
  });

  it('refuses a forged `alg: none` token and one signed HS512 with the right secret', async () => {
    const iat = Math.floor(clock.now() / 1000);
    // `an` exists (the guard looks every token's user up); the claims say more than an may do.
    const claims = { sub: 'an', roles: ['admin'], units: ['*'], iat, exp: iat + TTL };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    const hs512 = new JwtService({ secret: SECRET }).sign(claims, { algorithm: 'HS512' });
    const hs256 = new JwtService({ secret: SECRET }).sign(claims, { algorithm: 'HS256' });
    for (const token of [none, hs512]) {
      const res = await call('GET', '/api/v1/whoami', { token });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect((await call('GET', '/api/v1/whoami', { token: hs256 })).status).toBe(200);
  });
});

describe('security headers', () => {
  it('API responses get helmet defaults and no X-Powered-By', async () => {
    const res = await call('GET', '/api/v1/whoami');
    expect(res.status).toBe(401);
    expect(res.headers.get('x-powered-by')).toBeNull();
    const csp = res.headers.get('content-security-policy');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('Swagger UI is served with a CSP it can run under, with its assets and the JSON document', async () => {
    const page = await call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers.get('x-powered-by')).toBeNull();
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'swagger-ui-init.js']) {
      const res = await call('GET', `/docs/${asset}`);
      expect([asset, res.status]).toEqual([asset, 200]);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
    }
    expect((await call('GET', '/docs/swagger-ui.css')).status).toBe(200);
    const json = await call('GET', '/docs-json');
    expect(json.status).toBe(200);
    expect(((await json.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    expect(json.headers.get('content-security-policy')).toContain("script-src 'self';");
  });
});

// Last: it blocks this test's client address for the rest of the file.
describe('failed-login throttle over HTTP', () => {
  it('answers 429 rate_limited with Retry-After after 10 failures, even for the right password', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await login(i % 2 ? 'an' : 'nobody', 'wrong-password');
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials');
    }
    const res = await login('an', PASSWORD);
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(290);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(await res.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: `Too many failed logins; retry in ${retryAfter} s`,
        details: [],
      },
    });
  });
});
