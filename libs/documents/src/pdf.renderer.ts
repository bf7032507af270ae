/**
 * The document model as a PDF (pdfkit, DejaVu Serif embedded). Deterministic: the creation date comes from the form,
 * pdfkit derives the trailer /ID from the info dictionary and the font subset tag from the font's id, so the same
 * model gives the same bytes (the determinism spec renders twice and compares).
 */
import PDFDocument from 'pdfkit';
import type { Block, ColumnsBlock, FormModel, ParagraphBlock, QrBlock, TextSize } from './document.model';
import { defaultPdfFont, fontKey, registerFonts } from './pdf-fonts';
import { drawTable } from './pdf-table';
import { TextLayout } from './pdf-text';
import { QUIET_ZONE, qrMatrix } from './qr-code';

/** Used when a form has no date of its own (a blank form): TT 01/2018's own date, a constant. */
const NO_DATE = new Date(Date.UTC(2018, 10, 23));
const LINE_GAP = 1.5;

interface Metrics {
  sizes: Record<TextSize, number>;
  title: number;
  qr: number;
}

const A5: Metrics = { sizes: { small: 8, normal: 9.5, large: 11 }, title: 11, qr: 62 };
const A4: Metrics = { sizes: { small: 9, normal: 11, large: 13 }, title: 13, qr: 72 };
const A4_LANDSCAPE: Metrics = { sizes: { small: 7, normal: 10, large: 12 }, title: 13, qr: 72 };

class PdfWriter {
  private readonly text: TextLayout;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly m: Metrics,
  ) {
    this.text = new TextLayout(doc);
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** A paragraph laid out by measured words; a line that would cross the bottom margin starts a new page. */
  paragraph(p: ParagraphBlock, x: number, width: number): void {
    const size = this.m.sizes[p.size ?? 'normal'];
    const indent = p.indent ? 18 : 0;
    const lines = this.text.lines(p.runs, width, size, indent);
    const align = p.align === 'justify' || !p.align ? 'left' : p.align;
    this.doc.y = this.text.draw(lines, x, this.doc.y, width, size, LINE_GAP, align, indent, (y, h) => {
      if (y + h <= this.bottom) return y;
      this.doc.addPage();
      return this.doc.page.margins.top;
    });
    this.doc.x = x;
  }

  private paragraphHeight(p: ParagraphBlock, width: number): number {
    const size = this.m.sizes[p.size ?? 'normal'];
    return (
      this.text.lines(p.runs, width, size, p.indent ? 18 : 0).length * this.text.lineHeight(size, LINE_GAP)
    );
  }

  private height(block: Block, width: number): number {
    switch (block.type) {
      case 'paragraph':
        return this.paragraphHeight(block, width);
      case 'space':
        return block.lines * this.m.sizes.normal * 1.3;
      case 'columns':
        return Math.max(
          ...block.columns.map((col, n) =>
            col.reduce((s, b) => s + this.height(b, width * block.widths[n] - 6), 0),
          ),
        );
      case 'qr':
        return this.m.qr;
      // Only what columns hold is measured: titles, lists, tables and banners never sit in a column.
      case 'title':
      case 'list':
      case 'table':
      case 'banner':
        return 0;
    }
  }

  /** Columns start on a new page when they would not fit: a signature is never cut from its title. */
  columns(c: ColumnsBlock, x: number, width: number): void {
    const doc = this.doc;
    if (doc.y + this.height(c, width) > this.bottom) doc.addPage();
    const top = doc.y;
    let lowest = top;
    let cx = x;
    c.columns.forEach((col, n) => {
      const w = width * c.widths[n];
      doc.y = top;
      for (const b of col) this.block(b, cx + 3, w - 6);
      lowest = Math.max(lowest, doc.y);
      cx += w;
    });
    doc.x = x;
    doc.y = lowest;
  }

  /** The QR as filled rects (no image, no canvas), its quiet zone kept clear, the caption beside it. */
  qr(q: QrBlock, x: number, width: number): void {
    const doc = this.doc;
    const side = this.m.qr;
    if (doc.y + side + 8 > this.bottom) doc.addPage();
    const top = doc.y + 4;
    const matrix = qrMatrix(q.text);
    const cell = side / (matrix.size + 2 * QUIET_ZONE);
    const origin = { x: x + QUIET_ZONE * cell, y: top + QUIET_ZONE * cell };
    for (const r of matrix.runs)
      doc.rect(origin.x + r.col * cell, origin.y + r.row * cell, r.len * cell, cell);
    doc.fillColor('black').fill();
    doc.y = top + side / 2 - this.m.sizes.small;
    this.paragraph({ type: 'paragraph', runs: q.caption, size: 'small' }, x + side + 6, width - side - 6);
    doc.x = x;
    doc.y = Math.max(doc.y, top + side);
  }

  block(block: Block, x: number, width: number): void {
    const doc = this.doc;
    switch (block.type) {
      case 'paragraph':
        return this.paragraph(block, x, width);
      case 'title':
        doc.y += this.m.sizes.normal;
        doc.y = this.text.draw(
          this.text.lines([{ text: block.text, bold: true }], width, this.m.title),
          x,
          doc.y,
          width,
          this.m.title,
          LINE_GAP,
          'center',
        );
        for (const under of block.under)
          this.paragraph({ type: 'paragraph', runs: under, align: 'center' }, x, width);
        doc.y += this.m.sizes.normal * 0.5;
        return;
      case 'columns':
        return this.columns(block, x, width);
      case 'list':
        block.items.forEach((item, n) => {
          const marker = block.marker === 'number' ? `${n + 1}. ` : '- ';
          this.paragraph({ type: 'paragraph', runs: [{ text: marker }, ...item] }, x + 14, width - 14);
        });
        return;
      case 'table':
        return drawTable(doc, block, x, width, this.m.sizes[block.size ?? 'normal']);
      case 'qr':
        return this.qr(block, x, width);
      case 'space':
        doc.y += this.height(block, width);
        return;
      case 'banner': {
        const top = doc.y;
        doc.font(fontKey({ bold: true })).fontSize(this.m.sizes.normal);
        const h = doc.heightOfString(block.text, { width: width - 8 }) + 8;
        doc.save().lineWidth(0.5).dash(3, { space: 2 }).rect(x, top, width, h).stroke().restore();
        doc.text(block.text, x + 4, top + 4, { width: width - 8, align: 'center' });
        doc.x = x;
        doc.y = top + h + 6;
        return;
      }
    }
  }
}

/** Renders the model; resolves with the whole file once pdfkit has written it. */
export function modelToPdf(model: FormModel): Promise<Buffer> {
  const stamp = model.stampedAt ? new Date(Date.parse(model.stampedAt)) : NO_DATE;
  const margin = model.page.size === 'A5' ? 34 : 40;
  const doc = new PDFDocument({
    size: model.page.size,
    layout: model.page.landscape ? 'landscape' : 'portrait',
    margin,
    lang: 'vi',
    font: defaultPdfFont(),
    info: {
      Title: model.title.normalize('NFC'),
      Subject: model.formCode,
      Creator: 'motcua',
      Producer: 'motcua',
      CreationDate: stamp,
      ModDate: stamp,
    },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const metrics = model.page.size === 'A5' ? A5 : model.page.landscape ? A4_LANDSCAPE : A4;
  const writer = new PdfWriter(doc, metrics);
  const width = doc.page.width - 2 * margin;
  for (const block of model.blocks) writer.block(block, margin, width);
  doc.end();
  return done;
}
