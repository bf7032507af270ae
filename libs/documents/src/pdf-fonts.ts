/**
 * The Unicode TTFs the PDFs embed (npm `dejavu-fonts-ttf`): DejaVu Serif carries every Vietnamese diacritic. fontkit
 * opens each by path once per process (this pure library imports no file API) and every PDF reuses the parsed font:
 * parsing its layout tables per document cost more than the whole rest of a render.
 */
import { type Font, openSync } from 'fontkit';

const ttf = (file: string): string => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

/**
 * Each face is registered under its PostScript name: pdfkit files the default font under that name, so the regular
 * face is found there rather than re-opened and compared (that comparison alone cost ~25 ms a document).
 */
export const PDF_FONT_FILES = {
  DejaVuSerif: 'DejaVuSerif.ttf',
  'DejaVuSerif-Bold': 'DejaVuSerif-Bold.ttf',
  'DejaVuSerif-Italic': 'DejaVuSerif-Italic.ttf',
  'DejaVuSerif-BoldItalic': 'DejaVuSerif-BoldItalic.ttf',
} as const;

export type FontKey = keyof typeof PDF_FONT_FILES;

const opened = new Map<FontKey, Font>();

/**
 * The parsed font, opened on first use. fontkit caches a glyph with the characters of its first lookup; a glyph
 * first met as a component of another ("E" inside "Ế") would keep none, and a later PDF's text layer would lose it.
 * Looking every character up at once fixes each glyph's characters, whatever was rendered before.
 */
function font(key: FontKey): Font {
  let f = opened.get(key);
  if (!f) {
    f = openSync(ttf(PDF_FONT_FILES[key]));
    for (const cp of f.characterSet) f.glyphForCodePoint(cp);
    opened.set(key, f);
  }
  return f;
}

/** The regular face, as the document's default font (so pdfkit never loads its built-in Helvetica). */
export const defaultPdfFont = (): string => font('DejaVuSerif') as unknown as string;

/** Registers the four faces under their keys in a new document. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const key of Object.keys(PDF_FONT_FILES) as FontKey[])
    // pdfkit takes a fontkit font where its typings only list paths and buffers.
    doc.registerFont(key, font(key) as unknown as Buffer);
}

export const fontKey = (style: { bold?: boolean; italic?: boolean }): FontKey =>
  style.bold
    ? style.italic
      ? 'DejaVuSerif-BoldItalic'
      : 'DejaVuSerif-Bold'
    : style.italic
      ? 'DejaVuSerif-Italic'
      : 'DejaVuSerif';
