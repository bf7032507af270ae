// How the demo talks: steps stamped with the elapsed time, one updating progress line, thousands separators.

const t0 = Date.now();
export const elapsed = (): string => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export const say = (msg = ''): void => console.log(msg);
export const step = (msg: string): void => console.log(`\n[${elapsed()}] ${msg}`);

const tty = process.stdout.isTTY;
let lastProgress = 0;

/** One updating line on a terminal, a line every few seconds otherwise. */
export function progress(msg: string, final = false): void {
  if (tty) {
    process.stdout.write(`\r  ${msg}\x1b[K${final ? '\n' : ''}`);
  } else if (final || Date.now() - lastProgress > 3000) {
    console.log(`  ${msg}`);
    lastProgress = Date.now();
  }
}

/** Per second. */
export const rate = (n: number, ms: number): number => (ms > 0 ? Math.round((n * 1000) / ms) : 0);
export const fmt = (n: number): string => n.toLocaleString('en-US');
/** `k n, k n` of a tally. */
export const counts = (pairs: readonly [string, number][]): string =>
  pairs.map(([k, n]) => `${k} ${n}`).join(', ');
