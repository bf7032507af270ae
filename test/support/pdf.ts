// PDFs as a person would read them: text through poppler's pdftotext, a picture through pdftoppm.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './settings';

/** Where the pictures of the rendered forms go, for a person to look at. */
export const ARTEFACTS = path.join(ROOT, '.data/artefacts/documents');

function withFile<T>(bytes: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, bytes);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF, laid out (`pdftotext -layout`), or in reading order (`layout: false`: table cells stay whole). */
export function pdfText(bytes: Buffer, { layout = true } = {}): string {
  const args = layout ? ['-layout'] : [];
  return withFile(bytes, (file) => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' }));
}

/** The text with every run of whitespace as one space: a phrase the layout wrapped still matches. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Saves the first page as `api-<name>.png` (60 dpi) under .data/artefacts/documents/ (`api-`: served by the API). */
export function savePicture(bytes: Buffer, name: string): string {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  const out = path.join(ARTEFACTS, `api-${name}`);
  withFile(bytes, (file) => execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, out]));
  return `${out}.png`;
}

/** A GET whose body is bytes (the typed client reads text). */
export async function getBytes(
  baseUrl: string,
  urlPath: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${baseUrl}${urlPath}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
