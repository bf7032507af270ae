// Where the machine's CPU went during one case of the pipeline bench: per process group (the API and its cluster
// processes, the workers, PostgreSQL's backends, Redis, the load generator), as a percentage of one core, read from
// /proc (Linux); elsewhere it reports nothing.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  ticks: number;
}

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function processes(): Proc[] {
  if (!fs.existsSync('/proc/self/stat')) return [];
  const out: Proc[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command sits in parentheses and may itself hold spaces; the numeric fields follow the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** A group's processes: the given ones (and their descendants), or every process whose command is `comm`. */
export type CpuGroup = { pids: () => number[]; descendants?: boolean } | { comm: string };

export type CpuShares = Record<string, number>;

function members(all: Proc[], group: CpuGroup): Set<number> {
  if ('comm' in group) return new Set(all.filter((p) => p.comm === group.comm).map((p) => p.pid));
  const found = new Set(group.pids());
  for (let grew = group.descendants ?? false; grew;) {
    grew = false;
    for (const p of all)
      if (found.has(p.ppid) && !found.has(p.pid)) {
        found.add(p.pid);
        grew = true;
      }
  }
  return found;
}

/** Starts counting; `stop()` gives each group's CPU over the window in % of one core (100 = one core busy). */
export function sampleCpu(groups: Record<string, CpuGroup>): { stop(): CpuShares } {
  const before = new Map(processes().map((p) => [p.pid, p.ticks]));
  const start = process.hrtime.bigint();
  return {
    stop() {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const all = processes();
      const shares: CpuShares = {};
      for (const [name, group] of Object.entries(groups)) {
        const pids = members(all, group);
        // A process born in the window (a new pool connection) counts from zero.
        const ticks = all
          .filter((p) => pids.has(p.pid))
          .reduce((n, p) => n + Math.max(0, p.ticks - (before.get(p.pid) ?? 0)), 0);
        shares[name] = Math.round((ticks / TICKS_PER_SECOND / seconds) * 100);
      }
      return shares;
    },
  };
}

export const formatCpu = (s: CpuShares): string =>
  Object.entries(s)
    .map(([k, v]) => `${k} ${v}%`)
    .join(', ');
