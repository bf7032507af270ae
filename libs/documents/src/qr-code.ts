/** The QR code of a text as a module matrix (npm `qrcode`, no canvas), as horizontal runs and as an inline SVG. */
import { create } from 'qrcode';

/** One horizontal run of dark modules: row, first column, length (drawing runs keeps the PDF small and fast). */
export interface QrRun {
  row: number;
  col: number;
  len: number;
}

export interface QrMatrix {
  size: number;
  runs: QrRun[];
}

/** Error correction M: a printed code survives a fold or a stain; the lookup URL stays a low version. */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push({ row, col: start, len: col - start });
    }
  }
  return { size: modules.size, runs };
}

/** The quiet zone the QR standard asks for around the symbol, in modules. */
export const QUIET_ZONE = 4;

/** An inline SVG of the code, its quiet zone included, sized in millimetres for print. */
export function qrSvg(text: string, sizeMm: number): string {
  const m = qrMatrix(text);
  const box = m.size + 2 * QUIET_ZONE;
  const path = m.runs
    .map((r) => `M${r.col + QUIET_ZONE} ${r.row + QUIET_ZONE}h${r.len}v1h-${r.len}z`)
    .join('');
  return (
    `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${box} ${box}" width="${sizeMm}mm" ` +
    `height="${sizeMm}mm" shape-rendering="crispEdges" role="img" aria-label="QR">` +
    `<rect width="${box}" height="${box}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
