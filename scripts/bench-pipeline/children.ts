// The pipeline bench's child processes (the API, the worker, the bare HTTP server); output in .data/bench/.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DATA_DIR, ROOT } from '../support/paths';

export const LOG_DIR = path.join(DATA_DIR, 'bench');

// ---------------------------------------------------------------------------------------------------------------
// Child processes: the API, the worker, the bare HTTP server. Output goes to .data/bench/pipeline-<name>.log.

export interface Child {
  name: string;
  proc: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `pipeline-${name}.log`);
  const fd = fs.openSync(logFile, 'w');
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const closed = new Promise<void>((resolve) => proc.once('close', () => resolve()));
  return {
    name,
    proc,
    logFile,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await closed;
      clearTimeout(killer);
    },
  };
}

export const tail = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
};

export async function waitHttp(url: string, child: Child, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited:\n${tail(child.logFile)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(
    `${child.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${tail(child.logFile)}`,
  );
}

/** A bare Node `http` server in a process of its own: reads the body, answers 202 with a small JSON body. */
export const BARE_SERVER = `
const http = require('node:http');
const port = Number(process.env.PORT);
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end('{"status":"accepted"}');
  });
}).listen(port, '127.0.0.1');`;
