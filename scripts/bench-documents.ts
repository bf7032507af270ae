/**
 * Bench of libs/documents, run by `npm run bench` after the calendar cases: milliseconds to render one Mẫu 01
 * receipt as PDF beside rendering the same receipt as HTML (the baseline, measured in the same run).
 */
import { type FormDocument, renderFormHtml, renderFormPdf } from '@motcua/documents';
import { receiptView } from '../libs/documents/src/testing/form-fixtures';

/** A render must stay well under this to serve a PDF inline on a request. */
const TARGET_MS = 100;

export interface DocumentsBenchOptions {
  rounds: number;
  roundMs: number;
  filter?: string;
}

interface Timing {
  name: string;
  median: number;
  min: number;
  max: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Mean milliseconds per render over one round of about `roundMs`. */
async function round(render: () => Promise<number>, roundMs: number): Promise<number> {
  let ops = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < roundMs || ops < 3) {
    sink += await render();
    ops++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  if (sink === -1) console.log('unreachable'); // keeps the output observable
  return elapsed / ops;
}

async function time(name: string, render: () => Promise<number>, o: DocumentsBenchOptions): Promise<Timing> {
  await round(render, o.roundMs); // warm-up: fonts parsed, JIT settled
  const ms: number[] = [];
  for (let r = 0; r < o.rounds; r++) ms.push(await round(render, o.roundMs));
  return { name, median: median(ms), min: Math.min(...ms), max: Math.max(...ms) };
}

const fmt = (n: number): string => n.toFixed(2).padStart(12);

/** Prints the documents' lines; resolves to false when the PDF misses its target. */
export async function benchDocuments(o: DocumentsBenchOptions): Promise<boolean> {
  const receipt: FormDocument = { kind: 'receipt', view: receiptView('ND118_2025') };
  const cases = [
    { name: 'Mẫu 01 receipt, PDF', render: async () => (await renderFormPdf(receipt)).length },
    { name: 'Mẫu 01 receipt, HTML', render: () => Promise.resolve(renderFormHtml(receipt).length) },
  ].filter((c) => !o.filter || c.name.includes(o.filter));
  if (cases.length === 0) return true;
  console.log(
    `\n${'document'.padEnd(42)}${'median ms'.padStart(12)}${'min ms'.padStart(12)}${'max ms'.padStart(12)}`,
  );
  const results: Timing[] = [];
  for (const c of cases) {
    const t = await time(c.name, c.render, o);
    results.push(t);
    console.log(`${t.name.padEnd(42)}${fmt(t.median)}${fmt(t.min)}${fmt(t.max)}`);
  }
  const [pdf, html] = [
    results.find((r) => r.name.endsWith('PDF')),
    results.find((r) => r.name.endsWith('HTML')),
  ];
  console.log('');
  if (pdf && html)
    console.log(`${pdf.name}: ${(pdf.median / html.median).toFixed(1)}× the time of ${html.name} (medians)`);
  if (!pdf) return true;
  const ok = pdf.median < TARGET_MS;
  console.log(`${pdf.name}: target < ${TARGET_MS} ms per render on one core — ${ok ? 'MET' : 'NOT MET'}`);
  return ok;
}
