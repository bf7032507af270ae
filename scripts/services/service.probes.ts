// Probes decide the path: a real query / PING, short timeouts, and a verdict (up, try another path, or refused).
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { errorCode, errorMessage } from '../support/errors';
import { withDatabase } from './service-url';

const PROBE_TIMEOUT_MS = 3000;

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P03', // the server is starting up or shutting down
]);

/**
 * ok (missingDb: the server is up, the database absent) | error: nothing usable answered, try another path |
 * fatal: a server answered but refused us.
 */
export type ProbeResult =
  | { ok: true; missingDb?: boolean; error?: undefined; fatal?: undefined }
  | { ok: false; error: string; fatal?: undefined; missingDb?: undefined }
  | { ok: false; fatal: string; error?: undefined; missingDb?: undefined };

/** Connects and runs a real query. */
export async function probePostgres(url: string): Promise<ProbeResult> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => {}); // late socket errors must not crash the process
  try {
    await client.connect();
    await client.query('SELECT current_setting($1) AS version', ['server_version']);
    return { ok: true };
  } catch (err) {
    const code = errorCode(err);
    const message = errorMessage(err);
    if (code === '3D000') return { ok: true, missingDb: true };
    if ((code && UNREACHABLE_CODES.has(code)) || /timeout|terminated|ECONNREFUSED/i.test(message)) {
      return { ok: false, error: code || message };
    }
    return { ok: false, fatal: `${message}${code ? ` (${code})` : ''}` };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Same contract as probePostgres, with PING. */
export async function probeRedis(url: string): Promise<ProbeResult> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    commandTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // one attempt only: we are probing, not keeping a connection
  });
  let lastError: unknown; // ioredis reports the socket error (e.g. ECONNREFUSED) only as an event
  client.on('error', (err) => (lastError = err));
  try {
    await client.connect();
    const pong = await client.ping();
    return pong === 'PONG' ? { ok: true } : { ok: false, fatal: `unexpected PING reply ${String(pong)}` };
  } catch (err) {
    const message = errorMessage(err);
    if (/NOAUTH|WRONGPASS|invalid password|ERR AUTH/i.test(message)) return { ok: false, fatal: message };
    return { ok: false, error: errorCode(lastError) || errorCode(err) || message };
  } finally {
    client.disconnect();
  }
}

/** CREATE DATABASE through the maintenance db `postgres`; a concurrent creator winning the race is fine. */
export async function createDatabase(url: string, database: string): Promise<string> {
  const client = new Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    return `database "${database}" created`;
  } catch (err) {
    const code = errorCode(err);
    if (code === '42P04' || code === '23505') return `database "${database}" exists`;
    throw new Error(`could not create database "${database}": ${errorMessage(err)}`, { cause: err });
  } finally {
    await client.end().catch(() => {});
  }
}

/** BullMQ loses jobs if Redis evicts keys; set noeviction where allowed, only write when it differs. */
export async function ensureNoEviction(url: string): Promise<string> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    const reply = await client.config('GET', 'maxmemory-policy');
    const policy: unknown = Array.isArray(reply) ? reply[1] : undefined;
    if (policy === 'noeviction') return 'maxmemory-policy noeviction';
    await client.config('SET', 'maxmemory-policy', 'noeviction');
    return `maxmemory-policy changed from ${String(policy)} to noeviction`;
  } catch (err) {
    return `WARNING: could not check/set maxmemory-policy noeviction (${errorMessage(err)}); BullMQ needs it`;
  } finally {
    client.disconnect();
  }
}
