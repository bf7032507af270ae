/** What the specs read PDFs with: poppler's pdftotext and pdftoppm (real tools, no fake), and jsQR on the pixels. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Where a person can look at each rendered form (gitignored, under .data). */
export const ARTEFACTS = path.join(__dirname, '../../../../.data/artefacts/documents');

function withTempPdf<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pdf-'));
  try {
    const file = path.join(dir, 'form.pdf');
    fs.writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdftotext -layout`: the text a reader (or a screen reader, a search) gets out of the PDF. */
export function pdfText(pdf: Buffer): string {
  return withTempPdf(pdf, (file) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).toString('utf8'),
  );
}

/** The text with every run of whitespace (line breaks of the layout included) folded into one space. */
export const folded = (text: string): string => text.replace(/\s+/g, ' ');

/** The number of pages (pdfinfo's count, via pdftotext's form feeds). */
export const pageCount = (text: string): number => text.split('\f').filter((p) => p.trim() !== '').length;

/** The first page as PNG at `dpi`. */
export function firstPagePng(pdf: Buffer, dpi: number): Buffer {
  return withTempPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(dir, 'page'),
    ]);
    return fs.readFileSync(path.join(dir, 'page.png'));
  });
}

/** Saves the first page at 60 dpi under .data/artefacts/documents/<name>.png. */
export function saveArtefact(pdf: Buffer, name: string): string {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.png`);
  fs.writeFileSync(file, firstPagePng(pdf, 60));
  return file;
}

/** Decodes the QR code drawn on the first page (rendered at 200 dpi so each module spans several pixels). */
export function decodeQr(pdf: Buffer): string | null {
  const png = PNG.sync.read(firstPagePng(pdf, 200));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return code ? code.data : null;
}
