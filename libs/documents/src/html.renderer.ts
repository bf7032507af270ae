/** The document model as a standalone HTML page (UTF-8, print CSS): every text is escaped, the QR is inline SVG. */
import type { Block, FormModel, ParagraphBlock, Run, TableBlock, TableCell } from './document.model';
import { escapeHtml } from './html';
import { qrSvg } from './qr-code';

/** Page widths in millimetres, so the screen shows the sheet the printer gets. */
const PAGE_MM = { A5: [148, 210], A4: [210, 297] } as const;

function style(model: FormModel): string {
  const [w, h] = PAGE_MM[model.page.size];
  const [pw, ph] = model.page.landscape ? [h, w] : [w, h];
  const base = model.page.size === 'A5' ? 11 : 12;
  return `
  @page { size: ${model.page.size} ${model.page.landscape ? 'landscape' : 'portrait'}; margin: 12mm; }
  body { font-family: "Times New Roman", "DejaVu Serif", Times, serif; font-size: ${base}pt; line-height: 1.4; margin: 0; background: #eee; }
  .page { box-sizing: border-box; width: ${pw}mm; min-height: ${ph}mm; margin: 8mm auto; padding: 12mm; background: #fff; }
  @media print { body { background: none; } .page { margin: 0; width: auto; min-height: 0; padding: 0; } }
  p { margin: 2pt 0; }
  .al-center { text-align: center; } .al-right { text-align: right; } .al-justify { text-align: justify; }
  .sz-small { font-size: ${base - 2}pt; } .sz-large { font-size: ${base + 2}pt; }
  .indent { text-indent: 8mm; }
  .i { font-style: italic; } .u { text-decoration: underline; } .up { text-transform: uppercase; }
  .dots { letter-spacing: 1px; }
  h1 { font-size: ${base + 2}pt; text-align: center; margin: 12pt 0 2pt; }
  .under { text-align: center; margin: 0 0 8pt; }
  table.cols { width: 100%; border-collapse: collapse; margin: 4pt 0; }
  table.cols > tbody > tr > td { vertical-align: top; padding: 0; }
  table.grid { width: 100%; border-collapse: collapse; margin: 6pt 0; }
  table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; white-space: pre-line; }
  table.grid th { vertical-align: middle; }
  ol, ul { margin: 2pt 0 2pt 8mm; padding: 0; }
  ul.dash { list-style: none; } ul.dash li::before { content: "- "; }
  .qr-box { display: flex; align-items: center; gap: 4mm; margin-top: 6pt; }
  .qr-box p { font-size: ${base - 2}pt; }
  .banner { text-align: center; font-weight: bold; border: 1px dashed #888; padding: 4pt; margin-bottom: 8pt; }
`;
}

/** Bold as <b> (what mail clients and the apology's readers have always matched), other styles as classes. */
function run(r: Run): string {
  const classes = [r.italic && 'i', r.underline && 'u', r.upper && 'up', r.blank && 'dots'].filter(Boolean);
  const text = escapeHtml(r.text.normalize('NFC'));
  const styled = classes.length ? `<span class="${classes.join(' ')}">${text}</span>` : text;
  return r.bold ? `<b>${styled}</b>` : styled;
}

const runs = (rs: Run[]): string => rs.map(run).join('');

function paragraph(p: ParagraphBlock): string {
  const classes = [
    p.align && p.align !== 'left' && `al-${p.align}`,
    p.size && p.size !== 'normal' && `sz-${p.size}`,
    p.indent && 'indent',
  ].filter(Boolean);
  return `<p${classes.length ? ` class="${classes.join(' ')}"` : ''}>${runs(p.runs)}</p>`;
}

function cell(tag: 'th' | 'td', c: TableCell): string {
  const attrs = [
    c.colSpan && c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '',
    c.rowSpan && c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '',
    c.align && c.align !== 'left' ? ` class="al-${c.align}"` : '',
  ].join('');
  const text = escapeHtml(c.text.normalize('NFC'));
  return `<${tag}${attrs}>${c.bold && tag === 'td' ? `<b>${text}</b>` : text}</${tag}>`;
}

function table(tb: TableBlock): string {
  const cols = tb.widths.map((w) => `<col style="width:${(w * 100).toFixed(2)}%">`).join('');
  const head = tb.head.map((row) => `<tr>${row.map((c) => cell('th', c)).join('')}</tr>`).join('\n');
  const body = tb.body.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`).join('\n');
  const size = tb.size && tb.size !== 'normal' ? ` sz-${tb.size}` : '';
  return `<table class="grid${size}"><colgroup>${cols}</colgroup>\n<thead>\n${head}\n</thead>\n<tbody>\n${body}\n</tbody></table>`;
}

function block(bl: Block): string {
  switch (bl.type) {
    case 'paragraph':
      return paragraph(bl);
    case 'title':
      return `<h1>${escapeHtml(bl.text)}</h1>${bl.under.map((u) => `<p class="under">${runs(u)}</p>`).join('')}`;
    case 'columns': {
      const tds = bl.columns.map(
        (col, n) => `<td style="width:${(bl.widths[n] * 100).toFixed(2)}%">${col.map(block).join('\n')}</td>`,
      );
      return `<table class="cols"><tr>${tds.join('')}</tr></table>`;
    }
    case 'list': {
      const items = bl.items.map((item) => `<li>${runs(item)}</li>`).join('');
      return bl.marker === 'number' ? `<ol>${items}</ol>` : `<ul class="dash">${items}</ul>`;
    }
    case 'table':
      return table(bl);
    case 'qr':
      return `<div class="qr-box">${qrSvg(bl.text, 24)}<p>${runs(bl.caption)}</p></div>`;
    case 'space':
      return `<div style="height:${(bl.lines * 1.4).toFixed(1)}em"></div>`;
    case 'banner':
      return `<div class="banner">${escapeHtml(bl.text)}</div>`;
  }
}

/** The page: `data-form` names the form code so a reader (or a test) knows which template printed it. */
export function modelToHtml(model: FormModel): string {
  const data = Object.entries(model.data)
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml(model.title.normalize('NFC'))}</title>
<style>${style(model)}</style>
</head>
<body>
<div class="page" data-form="${escapeHtml(model.formCode)}"${data}>
${model.blocks.map(block).join('\n')}
</div>
</body>
</html>
`;
}
