/**
 * Issue 7, secrets: outside an explicit NODE_ENV=development or test, a missing, published or short JWT_SECRET and a
 * missing or published ADMIN_PASSWORD stop the apps with a message naming the variable; docker-compose.yml injects
 * no default into its production image. Issue 9: LOOKUP_SECRET likewise (it keys the lookup printed on receipts).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, DEV_ADMIN_PASSWORD, DEV_LOOKUP_SECRET, loadConfig } from '@motcua/config';
import { ROOT } from './support/harness';

const GOOD = {
  JWT_SECRET: 'Zr8bXq2V7mN4pL9sK3wT6yH1cF5gJ0dA',
  ADMIN_PASSWORD: 'a strong admin password',
  LOOKUP_SECRET: 'pQ4nV8xR2mK6sT0wY3zB7cF1hJ5gL9dE',
};
/** The values the repository used to ship: in docker-compose.yml, in the code, in the README. */
const PUBLISHED_SECRETS = ['motcua-dev-jwt-secret-change-me', 'motcua-dev-secret-change-me'];

/** `node -r @swc-node/register <entry>` with exactly `env` (plus PATH); its exit code and output. */
function runApp(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('secrets refused at start (loadConfig, the check both apps run first)', () => {
  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return null;
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
  };

  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['NODE_ENV unset', {}],
  ])('%s: a missing, published or short JWT_SECRET stops, naming it', (_name, nodeEnv) => {
    expect(
      refusal({ ...nodeEnv, ADMIN_PASSWORD: GOOD.ADMIN_PASSWORD, LOOKUP_SECRET: GOOD.LOOKUP_SECRET }),
    ).toBe(
      'Invalid environment: JWT_SECRET must be set to a random value of at least 32 bytes unless NODE_ENV is development or test',
    );
    for (const published of PUBLISHED_SECRETS)
      expect(refusal({ ...nodeEnv, ...GOOD, JWT_SECRET: published })).toBe(
        'Invalid environment: JWT_SECRET is a published default: set a random value of at least 32 bytes',
      );
    expect(refusal({ ...nodeEnv, ...GOOD, JWT_SECRET: GOOD.JWT_SECRET.slice(0, 31) })).toBe(
      'Invalid environment: JWT_SECRET must be at least 32 bytes, got 31',
    );
    expect(refusal({ ...nodeEnv, ...GOOD })).toBeNull();
  });

  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['NODE_ENV unset', {}],
  ])('%s: a missing or default ADMIN_PASSWORD stops, naming it', (_name, nodeEnv) => {
    expect(refusal({ ...nodeEnv, JWT_SECRET: GOOD.JWT_SECRET, LOOKUP_SECRET: GOOD.LOOKUP_SECRET })).toBe(
      'Invalid environment: ADMIN_PASSWORD must be set unless NODE_ENV is development or test',
    );
    expect(refusal({ ...nodeEnv, ...GOOD, ADMIN_PASSWORD: DEV_ADMIN_PASSWORD })).toBe(
      'Invalid environment: ADMIN_PASSWORD is the published development default: choose another',
    );
  });

  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['NODE_ENV unset', {}],
  ])('%s: a missing, published or short LOOKUP_SECRET stops, naming it', (_name, nodeEnv) => {
    const { LOOKUP_SECRET: _unset, ...withoutLookup } = GOOD;
    expect(refusal({ ...nodeEnv, ...withoutLookup })).toBe(
      'Invalid environment: LOOKUP_SECRET must be set to a random value of at least 32 bytes unless NODE_ENV is development or test',
    );
    expect(refusal({ ...nodeEnv, ...GOOD, LOOKUP_SECRET: DEV_LOOKUP_SECRET })).toBe(
      'Invalid environment: LOOKUP_SECRET is the published development default: set a random value of at least 32 bytes',
    );
    expect(refusal({ ...nodeEnv, ...GOOD, LOOKUP_SECRET: GOOD.LOOKUP_SECRET.slice(0, 16) })).toBe(
      'Invalid environment: LOOKUP_SECRET must be at least 32 bytes, got 16',
    );
  });

  it('development and test start without them, on a random secret (never a published one), and say so', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const config = loadConfig({ NODE_ENV });
      expect(PUBLISHED_SECRETS).not.toContain(config.jwtSecret);
      expect(Buffer.byteLength(config.jwtSecret)).toBeGreaterThanOrEqual(32);
      expect(config.warnings.join('\n')).toMatch(/JWT_SECRET is not set .*random secret/);
      expect(config.warnings.join('\n')).toMatch(/LOOKUP_SECRET is not set .*published development secret/);
    }
  });
});

describe('secrets refused at start (the real entry points)', () => {
  it('the API, built like the production image (NODE_ENV=production) with compose’s old defaults, exits 1 naming both', async () => {
    const started = Date.now();
    const res = await runApp('apps/api/src/main.ts', {
      NODE_ENV: 'production',
      JWT_SECRET: 'motcua-dev-jwt-secret-change-me',
      ADMIN_PASSWORD: 'motcua-admin',
      LOOKUP_SECRET: GOOD.LOOKUP_SECRET,
    });
    expect(res.code).toBe(1);
    expect(res.output.trim()).toBe(
      'api: Invalid environment: JWT_SECRET is a published default: set a random value of at least 32 bytes; ' +
        'ADMIN_PASSWORD is the published development default: choose another',
    );
    // It stops before connecting to anything: no port was opened, no database touched.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('the worker without NODE_ENV and with a short secret exits 1 naming it', async () => {
    const res = await runApp('apps/worker/src/main.ts', {
      JWT_SECRET: 'short',
      ADMIN_PASSWORD: GOOD.ADMIN_PASSWORD,
      LOOKUP_SECRET: GOOD.LOOKUP_SECRET,
    });
    expect(res.code).toBe(1);
    expect(res.output.trim()).toBe(
      'worker: Invalid environment: JWT_SECRET must be at least 32 bytes, got 5',
    );
  });

  it('docker-compose.yml requires the secrets for the apps and the migrate step, and defaults none', () => {
    const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    const required = (name: string) => new RegExp(`${name}: \\$\\{${name}:\\?[^}]+\\}`, 'g');
    // migrate (db:setup may re-base dossiers, so it reads the apps' environment), api and worker.
    expect(compose.match(required('JWT_SECRET'))).toHaveLength(3);
    expect(compose.match(required('ADMIN_PASSWORD'))).toHaveLength(3);
    expect(compose.match(required('LOOKUP_SECRET'))).toHaveLength(3);
    expect(compose).toContain('${JWT_SECRET:?set a random secret of at least 32 bytes}');
    expect(compose).not.toMatch(/\$\{(JWT_SECRET|ADMIN_PASSWORD|LOOKUP_SECRET):-/);
    for (const published of [...PUBLISHED_SECRETS, DEV_ADMIN_PASSWORD, DEV_LOOKUP_SECRET])
      expect(compose).not.toContain(published);
  });
});
