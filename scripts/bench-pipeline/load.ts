// The load side of the pipeline bench: valid `received` events (a fresh id and dossier code each), autocannon runs
// and the admin's login.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { formatInstant } from '@motcua/calendar';

export const PROCEDURE = '1.014199';
export const BATCH = 1000;
export const say = (s: string) => console.log(s);

// ---------------------------------------------------------------------------------------------------------------
// Request bodies: a valid reception (test/support/events.ts `received()`), fresh id and dossier code each time.

let serial = 0;
export function receivedBody(prefix: string) {
  serial += 1;
  return {
    id: randomUUID(),
    dossierCode: `${prefix}-${String(serial).padStart(8, '0')}`,
    type: 'received',
    occurredAt: formatInstant(Date.now()),
    data: {
      procedureCode: PROCEDURE,
      channel: 'direct',
      applicant: { name: 'Nguyễn Văn An', idNumber: '001085012345', phone: '0912345678' },
    },
  };
}
export const singleBody = (prefix: string) => () => JSON.stringify(receivedBody(prefix));
export const batchBody =
  (prefix: string, size = BATCH) =>
  () =>
    JSON.stringify({ events: Array.from({ length: size }, () => receivedBody(prefix)) });

// ---------------------------------------------------------------------------------------------------------------
// Load.

export interface Load {
  /** 2xx answers (or accepted events, for batches) per second. */
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export async function load(
  url: string,
  token: string | null,
  body: () => string,
  opts: { connections: number; duration: number; overallRate?: number; countAccepted?: boolean },
): Promise<Load> {
  let accepted = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: opts.connections,
    duration: opts.duration,
    overallRate: opts.overallRate,
    timeout: 30,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: body() }),
        onResponse: opts.countAccepted
          ? (status, text) => {
              if (status !== 200) return;
              const out = JSON.parse(text) as { results: Array<{ status: string }> };
              accepted += out.results.filter((r) => r.status === 'accepted').length;
            }
          : undefined,
      },
    ],
  });
  const ok = Object.entries(result.statusCodeStats)
    .filter(([code]) => code.startsWith('2'))
    .reduce((n, [, s]) => n + s.count, 0);
  if (result.non2xx > 0 || result.errors > 0)
    say(
      `    ! ${url}: ${result.non2xx} non-2xx, ${result.errors} errors (${JSON.stringify(result.statusCodeStats)})`,
    );
  const total = Object.values(result.statusCodeStats).reduce((n, s) => n + s.count, 0);
  if (total === 0 || (result.non2xx + result.errors) / Math.max(1, total) > 0.01)
    throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors in ${total} answers`);
  return {
    perSecond: (opts.countAccepted ? accepted : ok) / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export async function login(apiUrl: string, password: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
