/**
 * Paragraph layout for the PDF: runs of mixed styles broken into lines by measured word widths, then drawn one
 * same-style stretch at a time. pdfkit's own `continued` text misplaces mixed styles in centred, narrow columns.
 */
import type { Align, Run } from './document.model';
import { type FontKey, fontKey } from './pdf-fonts';

interface Piece {
  font: FontKey;
  underline: boolean;
  text: string;
}

/** A word: the pieces between two spaces (a run may end inside a word, "Thanh Hóa" + ", ngày"). */
type Word = Piece[];

export interface LaidLine {
  pieces: Piece[];
  width: number;
}

const display = (r: Run): string => {
  const text = r.text.normalize('NFC');
  return r.upper ? text.toLocaleUpperCase('vi') : text;
};

/**
 * Widths at 1 pt by face and text, shared by every document: shaping a word costs more than drawing it, and forms
 * repeat their words. Bounded: emptied when full rather than grown without end.
 */
const WIDTHS = new Map<string, number>();
const MAX_WIDTHS = 50_000;

export class TextLayout {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  width(p: Piece | { font: FontKey; text: string }, size: number): number {
    // Selected even when the width is known: pdfkit numbers faces (F1, F2…) in the order they are first selected,
    // and that order must not depend on what earlier documents left in the cache.
    this.doc.font(p.font);
    const key = `${p.font}\u0000${p.text}`;
    let unit = WIDTHS.get(key);
    if (unit === undefined) {
      unit = this.doc.fontSize(1000).widthOfString(p.text) / 1000;
      if (WIDTHS.size >= MAX_WIDTHS) WIDTHS.clear();
      WIDTHS.set(key, unit);
    }
    return unit * size;
  }

  lineHeight(size: number, gap: number): number {
    return this.doc.font(fontKey({})).fontSize(size).currentLineHeight(true) + gap;
  }

  private words(runs: Run[]): Word[] {
    const words: Word[] = [];
    let current: Word = [];
    for (const r of runs) {
      const style = { font: fontKey(r), underline: Boolean(r.underline) };
      for (const part of display(r).split(/(\s+)/)) {
        if (part === '') continue;
        if (/^\s+$/.test(part)) {
          if (current.length) words.push(current);
          current = [];
        } else current.push({ ...style, text: part });
      }
    }
    if (current.length) words.push(current);
    return words;
  }

  /** Cuts a word wider than the line (a long URL) into pieces that fit, at character boundaries. */
  private split(word: Word, max: number, size: number): Word[] {
    const out: Word[] = [];
    let line: Word = [];
    let w = 0;
    for (const piece of word)
      for (const ch of piece.text) {
        const cw = this.width({ font: piece.font, text: ch }, size);
        if (w + cw > max && line.length) {
          out.push(line);
          line = [];
          w = 0;
        }
        const last = line[line.length - 1];
        if (last && last.font === piece.font && last.underline === piece.underline) last.text += ch;
        else line.push({ ...piece, text: ch });
        w += cw;
      }
    if (line.length) out.push(line);
    return out;
  }

  /** The lines of a paragraph: the first `indent` narrower; spaces take the style of the word before them. */
  lines(runs: Run[], width: number, size: number, indent = 0): LaidLine[] {
    const lines: LaidLine[] = [];
    let pieces: Piece[] = [];
    let used = 0;
    const max = (): number => width - (lines.length === 0 ? indent : 0);
    const flush = (): void => {
      lines.push({ pieces, width: used });
      pieces = [];
      used = 0;
    };
    const wordWidth = (w: Word): number => w.reduce((s, p) => s + this.width(p, size), 0);
    const queue = this.words(runs);
    while (queue.length) {
      const word = queue.shift()!;
      const ww = wordWidth(word);
      if (ww > max()) {
        if (pieces.length) flush();
        const parts = this.split(word, max(), size);
        parts.forEach((part, k) => {
          pieces = part.map((p) => ({ ...p }));
          used = wordWidth(part);
          if (k < parts.length - 1) flush();
        });
        continue;
      }
      if (pieces.length === 0) {
        pieces.push(...word.map((p) => ({ ...p })));
        used = ww;
        continue;
      }
      const last = pieces[pieces.length - 1];
      const space = this.width({ font: last.font, text: ' ' }, size);
      if (used + space + ww > max()) {
        flush();
        pieces.push(...word.map((p) => ({ ...p })));
        used = ww;
        continue;
      }
      last.text += ' ';
      used += space + ww;
      for (const p of word) {
        const tail = pieces[pieces.length - 1];
        if (tail.font === p.font && tail.underline === p.underline) tail.text += p.text;
        else pieces.push({ ...p });
      }
    }
    if (pieces.length || lines.length === 0) flush();
    return lines;
  }

  /** Draws laid lines from (x, y); returns the y under the last line. Page breaks are the caller's. */
  draw(
    lines: LaidLine[],
    x: number,
    y: number,
    width: number,
    size: number,
    gap: number,
    align: Align,
    indent = 0,
    onLine?: (y: number, height: number) => number,
  ): number {
    const lh = this.lineHeight(size, gap);
    lines.forEach((line, n) => {
      if (onLine) y = onLine(y, lh);
      const room = width - (n === 0 ? indent : 0);
      const start = x + (n === 0 ? indent : 0);
      let cx =
        align === 'center'
          ? start + (room - line.width) / 2
          : align === 'right'
            ? start + room - line.width
            : start;
      for (const p of line.pieces) {
        const w = this.width(p, size);
        this.doc
          .font(p.font)
          .fontSize(size)
          .text(p.text, cx, y, { lineBreak: false, underline: p.underline });
        cx += w;
      }
      y += lh;
    });
    return y;
  }
}
