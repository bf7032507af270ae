// Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went: idle, garbage collection, and self time
// by package (a node_modules package, Node's own internals, or our apps/ and libs/ folder) and by function.
import * as fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  seconds: number;
  /** Percent of the profiled time. */
  idle: number;
  gc: number;
  byPackage: Array<{ name: string; percent: number }>;
  byFunction: Array<{ name: string; percent: number }>;
}

/** Where a frame's code lives: `pg`, `@nestjs/core`, `node:net`, `libs/database`, `(native)`. */
export function packageOf(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return url.split('/')[0];
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const ours = /\/((?:apps|libs)\/[^/]+)\//.exec(url);
  return ours ? ours[1] : url.replace(/^file:\/\//, '');
}

export function summarizeProfile(file: string, top = 10): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  // Each sample's weight is the time until the next one (timeDeltas[i + 1]); the last sample weighs the mean.
  const totalUs = p.timeDeltas.reduce((a, b) => a + b, 0);
  const mean = totalUs / Math.max(1, p.samples.length);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i + 1] ?? mean)));
  const pkg = new Map<string, number>();
  const fn = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of self) {
    const n = byId.get(id);
    if (!n) continue;
    const name = n.callFrame.functionName;
    if (name === '(idle)') idle += us;
    else if (name === '(garbage collector)') gc += us;
    const where = name.startsWith('(') ? name : packageOf(n.callFrame.url);
    pkg.set(where, (pkg.get(where) ?? 0) + us);
    const label = name.startsWith('(')
      ? name
      : `${name || '(anonymous)'} ${packageOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    fn.set(label, (fn.get(label) ?? 0) + us);
  }
  const pct = (us: number) => Math.round((us / Math.max(1, totalUs)) * 1000) / 10;
  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, percent: pct(us) }));
  return {
    seconds: totalUs / 1e6,
    idle: pct(idle),
    gc: pct(gc),
    byPackage: ranked(pkg),
    byFunction: ranked(fn),
  };
}

export function formatProfile(label: string, s: ProfileSummary): string {
  return [
    `${label}: ${s.seconds.toFixed(1)} s profiled, idle ${s.idle}%, garbage collection ${s.gc}%`,
    `  by package:  ${s.byPackage.map((x) => `${x.name} ${x.percent}%`).join(', ')}`,
    `  by function: ${s.byFunction.map((x) => `${x.name} ${x.percent}%`).join(', ')}`,
  ].join('\n');
}

if (require.main === module) {
  for (const f of process.argv.slice(2)) console.log(formatProfile(f, summarizeProfile(f)));
}
