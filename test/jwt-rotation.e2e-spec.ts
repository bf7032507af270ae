/**
 * Issue 12, the runbook's secret rotation: with JWT_PREVIOUS_SECRET set, the API still accepts a live token signed
 * with it, while new logins are signed with JWT_SECRET only; a token of any other secret is refused.
 */
import { createHmac } from 'node:crypto';
import { MC } from './support/events';
import { Harness } from './support/harness';

const PREVIOUS = 'the secret before the rotation, 32+ bytes long';
let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ worker: false, config: { jwtPreviousSecret: PREVIOUS } });
});

afterAll(async () => {
  await h?.stop();
});

/** An officer's HS256 token as the API signs one, under `secret`. */
function tokenOf(secret: string, username: string, tv: number): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iat = Math.floor(h.clock.now() / 1000);
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64({ sub: username, roles: ['officer'], units: [MC], tv, iat, exp: iat + 3600 });
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}

const read = (token: string) => h.get('/api/v1/dossiers', token);

describe('a JWT secret rotation', () => {
  it('accepts tokens of the previous secret, signs new ones with the current one, refuses any other', async () => {
    const fresh = await h.createUser('rotating', ['officer'], [MC]);
    expect((await read(tokenOf(PREVIOUS, 'rotating', 0))).status).toBe(200);
    const [head, payload, signature] = fresh.split('.');
    const expected = createHmac('sha256', h.config.jwtSecret)
      .update(`${head}.${payload}`)
      .digest('base64url');
    expect(signature).toBe(expected);
    const other = await read(tokenOf('a secret nobody configured, 32+ bytes', 'rotating', 0));
    expect(other.status).toBe(401);
    expect(other.body.error.code).toBe('unauthorized');
    // The previous secret opens no more than the current one: the token version is still checked.
    expect((await read(tokenOf(PREVIOUS, 'rotating', 1))).status).toBe(401);
  });
});
