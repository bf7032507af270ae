// Run by the determinism spec in a new process: the hashes of documents rendered with nothing rendered before.
import { createHash } from 'node:crypto';
import { renderFormPdf, renderLedgerPdf, renderLedgerXlsx } from '../render';
import { ledgerView, receiptView } from './form-fixtures';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function main(): Promise<void> {
  const ledger = ledgerView('ND118_2025');
  const hashes = {
    receipt: sha(await renderFormPdf({ kind: 'receipt', view: receiptView('ND118_2025') })),
    ledgerPdf: sha(await renderLedgerPdf(ledger)),
    ledgerXlsx: sha(await renderLedgerXlsx(ledger)),
  };
  process.stdout.write(JSON.stringify(hashes));
}

void main();
