/**
 * The Unicode TTFs the PDFs embed (npm `dejavu-fonts-ttf`): DejaVu Serif carries every Vietnamese diacritic. fontkit
 * opens each by path once per process (this pure library imports no file API) and every PDF reuses the parsed font:
 * parsing them per document cost more than the whole rest of a render.
 */
import { openSync } from 'fontkit';

const ttf = (file: string): string => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

export const PDF_FONT_FILES = {
  regular: 'DejaVuSerif.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
  boldItalic: 'DejaVuSerif-BoldItalic.ttf',
} as const;

export type FontKey = keyof typeof PDF_FONT_FILES;

const opened = new Map<FontKey, object>();

/** The parsed font, opened on first use. */
function font(key: FontKey): object {
  let f = opened.get(key);
  if (!f) {
    f = openSync(ttf(PDF_FONT_FILES[key]));
    opened.set(key, f);
  }
  return f;
}

/** Registers the four faces under their keys ('regular', 'bold', …) in a new document. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const key of Object.keys(PDF_FONT_FILES) as FontKey[])
    // pdfkit takes a fontkit font where its typings only list paths and buffers.
    doc.registerFont(key, font(key) as unknown as Buffer);
}

export const fontKey = (style: { bold?: boolean; italic?: boolean }): FontKey =>
  style.bold ? (style.italic ? 'boldItalic' : 'bold') : style.italic ? 'italic' : 'regular';
