/** Ruled tables in a pdfkit document: spanned head cells, rows that never split, the head repeated on each page. */
import type { TableBlock, TableCell } from './document.model';
import { fontKey } from './pdf-fonts';

const PAD = 3;
const LINE_GAP = 1;

interface Placed {
  cell: TableCell;
  row: number;
  col: number;
}

/** Puts each head cell on the grid, skipping the slots a row span above already holds. */
function placeHead(head: TableCell[][]): Placed[] {
  const taken = new Set<string>();
  const placed: Placed[] = [];
  head.forEach((cells, row) => {
    let col = 0;
    for (const cell of cells) {
      while (taken.has(`${row}:${col}`)) col++;
      placed.push({ cell, row, col });
      for (let r = 0; r < (cell.rowSpan ?? 1); r++)
        for (let c = 0; c < (cell.colSpan ?? 1); c++) taken.add(`${row + r}:${col + c}`);
      col += cell.colSpan ?? 1;
    }
  });
  return placed;
}

export function drawTable(
  doc: PDFKit.PDFDocument,
  tb: TableBlock,
  x: number,
  width: number,
  size: number,
): void {
  const colX: number[] = [x];
  for (const w of tb.widths) colX.push(colX[colX.length - 1] + w * width);
  const span = (col: number, n: number): number => colX[col + n] - colX[col];
  const textHeight = (c: TableCell, w: number): number =>
    doc
      .font(fontKey(c))
      .fontSize(size)
      .heightOfString(c.text || ' ', { width: w - 2 * PAD, lineGap: LINE_GAP });
  const bottom = (): number => doc.page.height - doc.page.margins.bottom;

  const drawCell = (c: TableCell, cx: number, cy: number, w: number, h: number, middle: boolean): void => {
    doc.lineWidth(0.5).rect(cx, cy, w, h).stroke();
    if (!c.text) return;
    const offset = middle ? Math.max(0, (h - textHeight(c, w)) / 2) : PAD;
    doc
      .font(fontKey(c))
      .fontSize(size)
      .text(c.text, cx + PAD, cy + offset, {
        width: w - 2 * PAD,
        align: c.align ?? 'left',
        lineGap: LINE_GAP,
      });
  };

  // Head rows: each as tall as its tallest single-row cell; a spanning cell stretches the last row it covers.
  const placed = placeHead(tb.head);
  const rowH = tb.head.map(() => 0);
  for (const p of placed)
    if ((p.cell.rowSpan ?? 1) === 1)
      rowH[p.row] = Math.max(rowH[p.row], textHeight(p.cell, span(p.col, p.cell.colSpan ?? 1)) + 2 * PAD);
  for (const p of placed) {
    const rs = p.cell.rowSpan ?? 1;
    if (rs === 1) continue;
    const need = textHeight(p.cell, span(p.col, p.cell.colSpan ?? 1)) + 2 * PAD;
    const have = rowH.slice(p.row, p.row + rs).reduce((s, h) => s + h, 0);
    if (need > have) rowH[p.row + rs - 1] += need - have;
  }
  const headH = rowH.reduce((s, h) => s + h, 0);
  const drawHead = (y: number): number => {
    const rowY = rowH.map((_, r) => y + rowH.slice(0, r).reduce((s, h) => s + h, 0));
    for (const p of placed) {
      const h = rowH.slice(p.row, p.row + (p.cell.rowSpan ?? 1)).reduce((s, v) => s + v, 0);
      drawCell(p.cell, colX[p.col], rowY[p.row], span(p.col, p.cell.colSpan ?? 1), h, true);
    }
    return y + headH;
  };

  let y = doc.y;
  if (y + headH + 20 > bottom()) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  y = drawHead(y);
  for (const row of tb.body) {
    const h = Math.max(...row.map((c, n) => textHeight(c, span(n, 1)))) + 2 * PAD;
    if (y + h > bottom()) {
      doc.addPage();
      y = drawHead(doc.page.margins.top);
    }
    row.forEach((c, n) => drawCell(c, colX[n], y, span(n, 1), h, false));
    y += h;
  }
  doc.x = x;
  doc.y = y + 4;
}
