// Deterministic randomness for the demo: the same seed always gives the same month, byte for byte.
import { createHash } from 'node:crypto';

/** mulberry32: tiny, fast, good enough for synthetic data (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type SeedPart = string | number;

/** 32-bit seed from any strings: sub-streams (per day, per dossier) stay stable when others change. */
export function hashSeed(...parts: SeedPart[]): number {
  return createHash('sha256').update(parts.join('\u001f')).digest().readUInt32LE(0);
}

export interface Rng {
  next: () => number;
  /** true with probability p */
  chance: (p: number) => boolean;
  /** uniform float in [a, b) */
  uniform: (a: number, b: number) => number;
  /** uniform integer in [a, b] */
  int: (a: number, b: number) => number;
  pick: <T>(arr: readonly T[]) => T;
  /** pick from [[value, weight], ...] */
  weighted: <T>(pairs: readonly (readonly [T, number])[]) => T;
  /** log-normal-ish positive number with the given median (heavy right tail, like real waiting times) */
  lognormal: (median: number, sigma: number) => number;
}

/** A PRNG with the helpers the generator needs. */
export function rng(...parts: SeedPart[]): Rng {
  const next = mulberry32(hashSeed(...parts));
  return {
    next,
    chance: (p) => next() < p,
    uniform: (a, b) => a + (b - a) * next(),
    int: (a, b) => a + Math.floor(next() * (b - a + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    weighted: (pairs) => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [v, w] of pairs) {
        x -= w;
        if (x < 0) return v;
      }
      return pairs[pairs.length - 1][0];
    },
    lognormal: (median, sigma) => {
      // Box-Muller on two uniforms; 1 - u avoids log(0).
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
  };
}

/** RFC 4122 version-5-style UUID from a name: the idempotency key of an event is a pure function of the seed. */
export function uuidFrom(...parts: SeedPart[]): string {
  const h = createHash('sha1')
    .update(`motcua-demo\u001f${parts.join('\u001f')}`)
    .digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
