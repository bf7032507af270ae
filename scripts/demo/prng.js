'use strict';
// Deterministic randomness for the demo: the same seed always gives the same month, byte for byte.

const crypto = require('node:crypto');

/** mulberry32: tiny, fast, good enough for synthetic data (not for anything secret). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit seed from any strings: sub-streams (per day, per dossier) stay stable when others change. */
function hashSeed(...parts) {
  return crypto.createHash('sha256').update(parts.join('\u001f')).digest().readUInt32LE(0);
}

/** A PRNG with the helpers the generator needs. */
function rng(...parts) {
  const next = mulberry32(hashSeed(...parts));
  const r = {
    next,
    /** true with probability p */
    chance: (p) => next() < p,
    /** uniform float in [a, b) */
    uniform: (a, b) => a + (b - a) * next(),
    /** uniform integer in [a, b] */
    int: (a, b) => a + Math.floor(next() * (b - a + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    /** pick from [[value, weight], ...] */
    weighted: (pairs) => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [v, w] of pairs) {
        x -= w;
        if (x < 0) return v;
      }
      return pairs[pairs.length - 1][0];
    },
    /** log-normal-ish positive number with the given median (heavy right tail, like real waiting times) */
    lognormal: (median, sigma) => {
      // Box-Muller on two uniforms; 1 - u avoids log(0).
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
  };
  return r;
}

/** RFC 4122 version-5-style UUID from a name: the idempotency key of an event is a pure function of the seed. */
function uuidFrom(...parts) {
  const h = crypto
    .createHash('sha1')
    .update(`motcua-demo\u001f${parts.join('\u001f')}`)
    .digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

module.exports = { mulberry32, hashSeed, rng, uuidFrom };
