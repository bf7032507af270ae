/**
 * Issue 12, operations: the apps' logs are JSON lines; a request id follows an event from the API request that
 * recorded it to the worker line that applied it; citizens' ID numbers, phones and e-mails appear in no log line and
 * in no job payload. The API and the worker run as real processes (their entry points, LOG_FORMAT=json).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DOSSIER_EVENTS_QUEUE, queuePrefix, redisOptions } from '@motcua/queue';
import { newDossierCode, received } from './support/events';
import {
  ADMIN_PASSWORD,
  childOutput,
  Harness,
  HttpClient,
  killChild,
  ROOT,
  uuid,
  waitFor,
} from './support/harness';
import { startWorkerProcess } from './support/worker';
import { freePort } from './support/ports';

const ID_NUMBER = '001204012345';
const PHONE = '0912345678';
const EMAIL = 'an.nguyen.trace@example.vn';
const PERSONAL = [ID_NUMBER, PHONE, EMAIL];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A reception whose applicant carries every kind of personal data the logs must not show. */
const reception = () =>
  received(newDossierCode(), '2025-03-20T09:00:00+07:00', {
    applicant: { name: 'Nguyễn Văn An', idNumber: ID_NUMBER, phone: PHONE, email: EMAIL },
  });

type Line = Record<string, unknown>;

/** Every line a process wrote, each parsed as JSON (a line that is not JSON fails the test). */
function jsonLines(output: string): Line[] {
  return output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as Line;
      } catch {
        throw new Error(`not a JSON line: ${l}`);
      }
    });
}

let h: Harness;
let admin: string;
let api: ChildProcess;
let apiOutput = '';
let apiClient: HttpClient;
let worker: ChildProcess;

/** The env of both processes: this harness's stores and secrets, its clock, JSON logs down to debug. */
function appEnv(): Record<string, string> {
  return {
    CLOCK_OFFSET_MS: String(h.clock.now() - Date.now()),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'debug',
  };
}

beforeAll(async () => {
  h = await Harness.start({ worker: false });
  admin = await h.login('admin', ADMIN_PASSWORD);
  const port = await freePort();
  api = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: h.databaseUrl,
      REDIS_URL: h.redisUrl,
      ADMIN_PASSWORD,
      JWT_SECRET: h.config.jwtSecret,
      LOOKUP_SECRET: h.config.lookupSecret,
      PORT: String(port),
      ...appEnv(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout!.on('data', (b: Buffer) => (apiOutput += b.toString()));
  api.stderr!.on('data', (b: Buffer) => (apiOutput += b.toString()));
  apiClient = new HttpClient(`http://127.0.0.1:${port}`);
  await waitFor(
    () => {
      if (api.exitCode !== null) throw new Error(`api exited early:\n${apiOutput}`);
      return apiOutput.includes('listening on');
    },
    60_000,
    'the API process to listen',
  );
  worker = await startWorkerProcess(h, appEnv());
}, 120_000);

afterAll(async () => {
  if (api) await killChild(api, 'SIGKILL');
  await h?.stop();
});

describe('job payloads', () => {
  it('the jobs enqueued for an event with an applicant’s ID number, phone and e-mail hold ids only', async () => {
    const e = reception();
    const res = await h.post('/api/v1/events', e, admin);
    expect(res.status).toBe(202);
    await h.waitForAllApplied();

    const queue = new Queue(DOSSIER_EVENTS_QUEUE, {
      connection: redisOptions(h.redisUrl),
      prefix: queuePrefix(h.databaseUrl),
    });
    const redis = new Redis(h.redisUrl);
    try {
      const jobs = await queue.getJobs([
        'completed',
        'waiting',
        'active',
        'delayed',
        'failed',
        'prioritized',
      ]);
      const own = jobs.filter((j) =>
        ((j.data as { events?: Array<{ eventId: string }> }).events ?? []).some((x) => x.eventId === e.id),
      );
      expect(own.length).toBeGreaterThan(0);
      for (const j of own)
        expect(j.data).toEqual({ events: [{ eventId: e.id, dossierCode: e.dossierCode }], v: 2 });
      // Everything BullMQ keeps in Redis for the queue (job hashes: data, opts, return values; events stream).
      const keys = await redis.keys(`${queuePrefix(h.databaseUrl)}:${DOSSIER_EVENTS_QUEUE}:*`);
      expect(keys.length).toBeGreaterThan(0);
      let stored = '';
      for (const key of keys) {
        const type = await redis.type(key);
        if (type === 'hash') stored += JSON.stringify(await redis.hgetall(key));
        else if (type === 'stream') stored += JSON.stringify(await redis.xrange(key, '-', '+'));
        else if (type === 'string') stored += (await redis.get(key)) ?? '';
      }
      expect(stored).toContain(e.id);
      for (const value of PERSONAL) expect(stored).not.toContain(value);
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });
});

describe('logs', () => {
  it('API and worker write JSON lines; the posting request’s id is on the API’s lines and the worker’s apply line; no ID number, phone or e-mail', async () => {
    const requestId = `trace-${uuid().slice(0, 8)}`;
    const e = reception();
    const res = await apiClient.request('POST', '/api/v1/events', {
      body: e,
      token: admin,
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    // A path carrying an ID number (an unknown dossier code) is logged masked.
    const missing = await apiClient.get(`/api/v1/dossiers/${ID_NUMBER}`, admin);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toMatch(UUID);

    const applied = () =>
      jsonLines(childOutput(worker)).find((l) => l.msg === 'event applied' && l.eventId === e.id);
    await waitFor(() => applied() !== undefined, 30_000, 'the worker to log the event applied');
    await waitFor(() => jsonLines(apiOutput).some((l) => l.status === 404), 10_000, 'the API to log the 404');

    expect(applied()).toMatchObject({
      level: 'debug',
      context: 'apply',
      requestId,
      dossierCode: e.dossierCode,
      jobId: `evt-${e.id}`,
    });
    const apiLines = jsonLines(apiOutput);
    for (const line of [...apiLines, ...jsonLines(childOutput(worker))]) {
      expect(line).toMatchObject({
        time: expect.any(String),
        level: expect.any(String),
        msg: expect.anything(),
      });
      expect(Number.isNaN(Date.parse(line.time as string))).toBe(false);
    }
    const ofRequest = apiLines.filter((l) => l.requestId === requestId);
    expect(ofRequest).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'event recorded', eventId: e.id, dossierCode: e.dossierCode }),
        expect.objectContaining({ msg: 'request', method: 'POST', path: '/api/v1/events', status: 202 }),
      ]),
    );
    expect(apiLines).toContainEqual(
      expect.objectContaining({ msg: 'request', path: '/api/v1/dossiers/[id-number]', status: 404 }),
    );
    // Stored with the event: the worker read it from the row, not from the job.
    const [row] = await h.query<{ request_id: string }>(
      'SELECT request_id FROM dossier_events WHERE id = $1',
      [e.id],
    );
    expect(row.request_id).toBe(requestId);
    for (const value of PERSONAL) {
      expect(apiOutput).not.toContain(value);
      expect(childOutput(worker)).not.toContain(value);
    }
  });

  it('a batch’s events each carry the batch request’s id, recorded in the API and applied in the worker', async () => {
    const requestId = `batch-${uuid().slice(0, 8)}`;
    const events = [reception(), reception()];
    const res = await apiClient.request('POST', '/api/v1/events/batch', {
      body: { events },
      token: admin,
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    const ids = events.map((e) => e.id).sort();
    const traced = (output: string, msg: string) =>
      jsonLines(output)
        .filter((l) => l.msg === msg && l.requestId === requestId)
        .map((l) => l.eventId as string)
        .sort();
    await waitFor(
      () => traced(childOutput(worker), 'event applied').length === 2,
      30_000,
      'the worker to log both events applied',
    );
    expect(traced(childOutput(worker), 'event applied')).toEqual(ids);
    expect(traced(apiOutput, 'event recorded')).toEqual(ids);
  });

  it('an X-Request-Id that is not a sane token is replaced by a UUID', async () => {
    const res = await apiClient.request('GET', '/health', { headers: { 'x-request-id': 'a b"c' } });
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    const long = await apiClient.request('GET', '/health', { headers: { 'x-request-id': 'x'.repeat(65) } });
    expect(long.headers.get('x-request-id')).toMatch(UUID);
  });
});
