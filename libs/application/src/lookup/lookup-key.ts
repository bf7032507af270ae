import { createHmac } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a key read aloud or typed from paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 8 characters = 40 bits: guessing one dossier's key takes ~10^12 tries against a throttled endpoint. */
export const LOOKUP_KEY_LENGTH = 8;

/** The short secret printed on a dossier's receipt (Mẫu 01) that opens its public lookup: HMAC of the code. */
export function lookupKeyOf(dossierCode: string, secret: string): string {
  const mac = createHmac('sha256', secret).update(dossierCode).digest();
  let key = '';
  for (let i = 0; i < LOOKUP_KEY_LENGTH; i++) key += ALPHABET[mac[i] & 31];
  return key;
}

/** The address printed and QR-coded on the receipt: `<PUBLIC_BASE_URL>/tra-cuu?code=…&key=…`. */
export function lookupUrlOf(publicBaseUrl: string, dossierCode: string, key: string): string {
  return `${publicBaseUrl}/tra-cuu?code=${encodeURIComponent(dossierCode)}&key=${key}`;
}
