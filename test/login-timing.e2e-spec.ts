/**
 * Issue 7, user enumeration by timing: a login for an unknown username used to fail in 2–4 ms and one for a known
 * username in about 37 ms (scrypt was skipped), which told an attacker which accounts exist. Now an unknown user is
 * checked against a dummy hash of the same parameters: the medians of repeated attempts are within 0.5–2× of each
 * other (ratios, not milliseconds, so that the machine's speed does not matter).
 */
import { randomBytes } from 'node:crypto';
import { MC } from './support/events';
import { Harness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({
    worker: false,
    // Many failures on purpose: the failed-login throttle (10 per 5 minutes) is not under test here.
    config: {
      rateLimits: {
        loginMaxFailures: 10_000,
        loginWindowMs: 300_000,
        intakeRequests: 6000,
        intakeWindowMs: 60_000,
        lookupRequests: 30,
        lookupWindowMs: 60_000,
      },
    },
  });
  await h.createUser('known.user', ['officer'], [MC]);
  await h.createUser('disabled.user', ['officer'], [MC]);
  const res = await h.http.request('PATCH', '/api/v1/users/disabled.user', {
    body: { disabled: true },
    token: await h.admin(),
  });
  expect(res.status).toBe(200);
});

afterAll(async () => {
  await h?.stop();
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Wall time of one failed login, in milliseconds. */
async function failedLogin(username: string): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await h.post('/api/v1/auth/token', { username, password: 'wrong password 123' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe('invalid_credentials');
  return ms;
}

describe('login timing: unknown vs known users', () => {
  it('an unknown username fails as slowly as a known one with a wrong password (and a disabled one)', async () => {
    const rounds = 21;
    const known: number[] = [];
    const unknown: number[] = [];
    const disabled: number[] = [];
    for (let i = 0; i < 3; i++) {
      // Warm-up: the first requests pay for JIT and connections, not for what is measured.
      await failedLogin('known.user');
      await failedLogin(`nobody.${randomBytes(4).toString('hex')}`);
    }
    // Interleaved, so that a busy moment of the machine weighs on every kind alike.
    for (let i = 0; i < rounds; i++) {
      known.push(await failedLogin('known.user'));
      unknown.push(await failedLogin(`nobody.${randomBytes(4).toString('hex')}`));
      disabled.push(await failedLogin('disabled.user'));
    }
    const ratio = median(unknown) / median(known);
    const disabledRatio = median(disabled) / median(known);
    const report = {
      knownMs: Math.round(median(known) * 10) / 10,
      unknownMs: Math.round(median(unknown) * 10) / 10,
      disabledMs: Math.round(median(disabled) * 10) / 10,
    };
    expect({ ...report, ratioWithin: ratio >= 0.5 && ratio <= 2 }).toEqual({ ...report, ratioWithin: true });
    expect({ ...report, disabledWithin: disabledRatio >= 0.5 && disabledRatio <= 2 }).toEqual({
      ...report,
      disabledWithin: true,
    });
  });
});
