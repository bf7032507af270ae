import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while serving one request carries (the API's request-id middleware sets it). */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` as the current request's: the logger adds its fields to every line written meanwhile. */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The request being served by this async chain, if any (none in the worker, in timers, at start-up). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** A client's X-Request-Id worth keeping: 1–64 characters of [A-Za-z0-9._-], nothing a log line could misread. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The client's id when it is a sane token, else a fresh UUID (a repeated header counts as absent). */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
