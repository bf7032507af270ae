import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost parameters; they are stored with every hash, so raising them later leaves old hashes valid. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** What new hashes use: Node's defaults (about 16 MiB and 40 ms per hash on the development machine). */
export const SCRYPT_PARAMS: Readonly<ScryptParams> = { N: 16_384, r: 8, p: 1 };
/** The parameters of hashes written before they were stored (`scrypt$<salt>$<hash>`): Node's defaults then. */
const LEGACY_PARAMS: Readonly<ScryptParams> = { N: 16_384, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function scrypt(password: string, salt: Buffer, keylen: number, params: ScryptParams): Promise<Buffer> {
  // maxmem: scrypt needs 128·N·r bytes; Node refuses more than 32 MiB unless told.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, keylen, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const format = (p: ScryptParams) => `N=${p.N},r=${p.r},p=${p.p}`;

/** `scrypt$N=16384,r=8,p=1$<salt b64>$<hash b64>`: a random salt, the parameters with the hash. */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scrypt(password, salt, KEY_BYTES, params);
  return `scrypt$${format(params)}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
  legacy: boolean;
}

/** Parameters we are willing to run: bounded, so that a damaged row cannot make a login take minutes. */
function sane({ N, r, p }: ScryptParams): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  return powerOfTwo && N <= 2 ** 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
}

/** The stored hash in either format, or null when it is not one of ours. */
export function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return null;
  let params: ScryptParams;
  let saltB64: string | undefined;
  let hashB64: string | undefined;
  let legacy = false;
  if (parts.length === 3) {
    [, saltB64, hashB64] = parts;
    params = { ...LEGACY_PARAMS };
    legacy = true;
  } else if (parts.length === 4) {
    const m = /^N=(\d+),r=(\d+),p=(\d+)$/.exec(parts[1]);
    if (!m) return null;
    params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
    [, , saltB64, hashB64] = parts;
  } else return null;
  if (!saltB64 || !hashB64 || !sane(params)) return null;
  const hash = Buffer.from(hashB64, 'base64');
  if (hash.length < 16) return null;
  return { params, salt: Buffer.from(saltB64, 'base64'), hash, legacy };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await scrypt(password, parsed.salt, parsed.hash.length, parsed.params);
  return timingSafeEqual(actual, parsed.hash);
}

/** True when the hash is in the old format or has other parameters than new hashes get: rehash after a login. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.params;
  return parsed.legacy || N !== SCRYPT_PARAMS.N || r !== SCRYPT_PARAMS.r || p !== SCRYPT_PARAMS.p;
}
