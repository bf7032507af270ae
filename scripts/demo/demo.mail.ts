// The demo's mail: maildev (from npm) as the SMTP catcher with a web inbox, the demo clock that puts the run in
// office hours (staff mails wait for the next opening otherwise), and what reached the inbox.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../support/paths';
import { formatLocal, msOfDay } from './calendar';
import type { DemoClock } from './demo.clock';
import type { DemoLifecycle } from './demo.lifecycle';
import type { ProgressReader } from './demo.database';
import { counts, fmt, progress, say, step } from './demo.output';
import { tally } from './summary';
import * as proc from './processes';

export interface MailCatcher {
  smtpUrl: string;
  inboxUrl: string;
}

/** A mail as maildev's REST API (`GET /api/email`) lists it. */
export interface CaughtMail {
  subject: string;
  to: Array<{ address: string }>;
  attachments?: Array<{ filename?: string; contentType?: string }>;
}

/** maildev on free ports of 127.0.0.1, until its web API answers. */
export async function startMailCatcher(logDir: string, lifecycle: DemoLifecycle): Promise<MailCatcher> {
  // The package exports no subpath for its CLI: its bin entry, as npm would link it.
  const pkg = path.join(ROOT, 'node_modules', 'maildev', 'package.json');
  const { bin } = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { bin: { maildev: string } };
  const script = path.join(path.dirname(pkg), bin.maildev);
  const smtp = await proc.freePort(1025);
  const web = await proc.freePort(1080);
  const child = await proc.startChild('maildev', script, {
    cwd: ROOT,
    env: process.env,
    logFile: path.join(logDir, 'maildev.log'),
    args: ['--smtp', String(smtp), '--web', String(web), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1'],
  });
  lifecycle.watch(child);
  const inboxUrl = `http://127.0.0.1:${web}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${inboxUrl}/api/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (!child.alive() || Date.now() > deadline)
      throw new Error(`maildev did not start on ${inboxUrl}\n${proc.tail(child.logFile)}`);
    await sleep(200);
  }
  return { smtpUrl: `smtp://127.0.0.1:${smtp}`, inboxUrl };
}

/** Every mail maildev holds. */
export async function inbox(catcher: MailCatcher): Promise<CaughtMail[]> {
  const res = await fetch(`${catcher.inboxUrl}/api/email`);
  if (!res.ok) throw new Error(`GET ${catcher.inboxUrl}/api/email answered ${res.status}`);
  return (await res.json()) as CaughtMail[];
}

/** The kind of a caught mail: the bracketed prefix of a staff mail's subject, or the applicant's apology letter. */
export function mailLabel(subject: string): string {
  const m = /^\[([^\]]+)\]/.exec(subject);
  if (m) return m[1].replace(/ \d{2}\/\d{2}\/\d{4}$/, '');
  return subject.includes('xin lỗi') ? 'thư xin lỗi gửi công dân' : 'khác';
}

/** Local hh:mm:ss of an instant (the watch lines). */
export function hhmmss(t: number): string {
  const ms = msOfDay(t);
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Prints where the inbox is and what the clock says. */
export function sayMail(catcher: MailCatcher, clock: DemoClock): void {
  say(`  mail catcher (maildev): SMTP ${catcher.smtpUrl}, inbox ${catcher.inboxUrl}`);
  say(`  demo clock: ${formatLocal(clock.now)} — ${clock.reason}; CLOCK_OFFSET_MS=${clock.offsetMs}`);
}

/** 7c. The mails the month and the tracker asked for, until none that may leave now is still waiting. */
export async function mailCatchUp(
  reader: ProgressReader,
  catcher: MailCatcher,
  clock: DemoClock,
): Promise<number> {
  step('mail (the outbox delivered to maildev)');
  const start = Date.now();
  let last = await reader.mail(Date.now() + clock.offsetMs);
  let movedAt = Date.now();
  while (last.waiting > 0 && Date.now() - movedAt < 60_000) {
    await sleep(500);
    const next = await reader.mail(Date.now() + clock.offsetMs);
    if (next.waiting !== last.waiting || next.sent !== last.sent) movedAt = Date.now();
    last = next;
    progress(`${fmt(last.sent)} mail(s) sent, ${fmt(last.waiting)} to send now`);
  }
  const caught = await inbox(catcher);
  progress(
    `${fmt(last.sent)} mail(s) sent in ${((Date.now() - start) / 1000).toFixed(1)}s, ${fmt(last.failed)} failed; ` +
      `${fmt(caught.length)} in the inbox`,
    true,
  );
  say(`  outbox by kind and status: ${counts(last.byKindStatus)}`);
  say(`  inbox by subject: ${counts(tally(caught, (m) => mailLabel(m.subject)))}`);
  const attached = caught.filter((m) => (m.attachments ?? []).length > 0).length;
  say(`  with the apology letter attached: ${fmt(attached)}; inbox: ${catcher.inboxUrl}`);
  let problems = 0;
  if (last.waiting > 0) {
    say(
      `  WARNING: ${last.waiting} mail(s) due now were not sent within 60s; see .data/demo/worker-tracker.log`,
    );
    problems++;
  }
  if (caught.length < last.sent) {
    say(`  WARNING: the outbox says ${last.sent} sent, the inbox holds ${caught.length}`);
    problems++;
  }
  if (last.failed > 0) {
    say(`  WARNING: ${last.failed} mail(s) failed (GET /api/v1/notifications?status=failed)`);
    problems++;
  }
  return problems;
}

/** 9. Until Ctrl-C: the deadlines coming next, and each mail as it leaves. */
export async function watch(reader: ProgressReader, clock: DemoClock): Promise<never> {
  const demoNow = (): number => Date.now() + clock.offsetMs;
  if (clock.live && clock.live.dueAt > demoNow())
    say(
      `  watch ${clock.live.code}: it falls due at ${formatLocal(clock.live.dueAt)}, in ${Math.round((clock.live.dueAt - demoNow()) / 1000)} s; its overdue mails follow`,
    );
  const next = await reader.upcoming(demoNow(), 5);
  say(`  demo clock now ${formatLocal(demoNow())}; next deadlines the tracker will act at:`);
  for (const d of next) say(`    ${formatLocal(d.at.getTime())}  ${d.code}`);
  say('  mails as they leave (watch them arrive in the inbox):');
  let since = new Date(demoNow());
  for (;;) {
    await sleep(3000);
    for (const m of await reader.sentSince(since)) {
      say(`    ${hhmmss(m.sentAt.getTime())}  ${m.subject}  → ${m.recipient}`);
      since = m.sentAt;
    }
  }
}

/**
 * --exit: the dossier the clock was chosen for falls due while the demo runs; waits (up to a minute past its due
 * instant) for the tracker's `deadline_reached`, its application and the overdue mails in the inbox.
 */
export async function awaitLive(
  reader: ProgressReader,
  catcher: MailCatcher,
  clock: DemoClock,
): Promise<boolean> {
  const live = clock.live;
  if (!live) return true;
  const demoNow = (): number => Date.now() + clock.offsetMs;
  step(`live: ${live.code} falls due at ${formatLocal(live.dueAt)} (demo clock ${formatLocal(demoNow())})`);
  const caught = async () =>
    (await inbox(catcher)).filter((m) => m.subject.startsWith('[Quá hạn]') && m.subject.includes(live.code))
      .length;
  for (;;) {
    const r = await reader.live(live.code);
    const inInbox = r.mailSentAt ? await caught() : 0;
    if (r.reachedAt && r.appliedAt && inInbox > 0) {
      const s = (t: number) => `${((t - live.dueAt) / 1000).toFixed(1)} s`;
      say(
        `  the tracker logged it ${s(r.reachedAt.getTime())} after the due instant, the worker applied it ` +
          `${s(r.appliedAt.getTime() + clock.offsetMs)} after, and ${inInbox} overdue mail(s) left ${s(r.mailSentAt!.getTime())} after, now in the inbox`,
      );
      return true;
    }
    if (demoNow() > live.dueAt + 60_000) {
      say(`  WARNING: 60 s after its due instant: ${JSON.stringify(r)}, ${inInbox} in the inbox`);
      return false;
    }
    await sleep(250);
  }
}
