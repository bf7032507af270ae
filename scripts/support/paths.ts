// Where scripts read and write: the checkout root and its git-ignored .data/ directory.
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DATA_DIR = path.join(ROOT, '.data');

/** A path inside the checkout as a relative one (messages stay short); anything else unchanged. */
export const rel = (p: string): string => (p.startsWith(ROOT + path.sep) ? path.relative(ROOT, p) : p);

/** Node arguments that run a TypeScript entry point (swc, with the tsconfig path aliases). */
export const TS_NODE_ARGS = ['-r', '@swc-node/register'] as const;
