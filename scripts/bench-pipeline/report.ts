// The pipeline bench's table: each figure beside its same-run baseline and the issue's target (MET / MISSED).
import type { CpuShares } from './cpu';
import { say } from './load';

export const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface Row {
  what: string;
  measured: string;
  baseline: string;
  target: string;
  value: number;
  goal: number;
  higherIsBetter: boolean;
  /** False when the fixed rate the target speaks of was not reached: MISSED whatever the value. */
  reached?: boolean;
}

export const n = (x: number): string => Math.round(x).toLocaleString('en-US');
export const ms = (x: number): string =>
  x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`;

export const status = (r: Row): string =>
  r.reached === false
    ? 'MISSED (rate not reached)'
    : (r.higherIsBetter ? r.value >= r.goal : r.value <= r.goal)
      ? 'MET'
      : 'MISSED';

export const ratio = (r: Row): string => `${(r.value / r.goal).toFixed(2)}×`;

export function printTable(rows: Row[]): void {
  say('| What | Measured | Baseline, same run | Target | Status | Measured ÷ target |');
  say('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows)
    say(`| ${r.what} | ${r.measured} | ${r.baseline} | ${r.target} | ${status(r)} | ${ratio(r)} |`);
}

/** Medians, per process group, of each case's CPU shares (% of one core) over its rounds. */
export function cpuMedians(byCase: Record<string, CpuShares[]>): Record<string, CpuShares> {
  const out: Record<string, CpuShares> = {};
  for (const [c, rounds] of Object.entries(byCase)) {
    if (rounds.length === 0) continue;
    const groups = Object.keys(rounds[0]);
    out[c] = Object.fromEntries(groups.map((g) => [g, Math.round(median(rounds.map((r) => r[g] ?? 0)))]));
  }
  return out;
}

export function printCpu(medians: Record<string, CpuShares>, cores: number): void {
  const groups = [...new Set(Object.values(medians).flatMap((s) => Object.keys(s)))];
  say(`\nwhere the CPU went (% of one core, medians; the machine has ${cores * 100}%):`);
  say(`| Case | ${groups.join(' | ')} | total |`);
  say(`| --- | ${groups.map(() => '---').join(' | ')} | --- |`);
  for (const [c, s] of Object.entries(medians)) {
    const total = groups.reduce((t, g) => t + (s[g] ?? 0), 0);
    say(`| ${c} | ${groups.map((g) => `${s[g] ?? 0}%`).join(' | ')} | ${total}% |`);
  }
}
