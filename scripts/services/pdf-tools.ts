// The documents specs read rendered PDFs back with poppler's pdftotext and pdftoppm: installed when missing.
import { installPackages } from './apt.install';
import { findExecutable } from './system.util';

const TOOLS = ['pdftotext', 'pdftoppm'] as const;

/** Makes pdftotext and pdftoppm available (apt-get's poppler-utils as root on Debian/Ubuntu); returns the line to print. */
export async function ensurePdfTools(log: (msg: string) => void): Promise<string> {
  const missing = TOOLS.filter((tool) => !findExecutable(tool));
  if (missing.length > 0) {
    await installPackages(
      ['poppler-utils'],
      'poppler-utils',
      log,
      `${missing.join(' and ')} not found: install poppler-utils (Debian/Ubuntu: sudo apt-get install poppler-utils; ` +
        'macOS: brew install poppler); the documents specs read PDFs back with them.',
    );
    const still = TOOLS.filter((tool) => !findExecutable(tool));
    if (still.length > 0)
      throw new Error(`poppler-utils installed but ${still.join(' and ')} still not found`);
  }
  return `PDF tools: ${TOOLS.map((tool) => findExecutable(tool)).join(', ')}${missing.length ? ' (installed now)' : ''}`;
}
