// The worker applies events asynchronously, so tests poll for the outcome instead of sleeping a guessed time.
import { randomUUID } from 'node:crypto';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const uuid = (): string => randomUUID();

/** Polls `predicate` until it returns a truthy value; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(
  predicate: () => Promise<T> | T,
  timeoutMs = 20_000,
  what = 'condition',
  intervalMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail})`);
    }
    await sleep(intervalMs);
  }
}
