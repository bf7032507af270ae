// `npm run demo`: the engine with a realistic demo month. Services → build → database → API + worker →
// users → a synthetic month replayed through the HTTP API → wait for the worker → what to look at. Ctrl-C stops.
import { setTimeout as sleep } from 'node:timers/promises';
import type { DemoApi } from './demo/api-client';
import { type DemoCalendar, dateOfDay, dayOf, dayOfDate, formatLocal } from './demo/calendar';
import { loadDemoCalendar, loadLeadUnits, loadProcedures, loadSettings, loadUnits } from './demo/demo.config';
import { type EventCounts, type ProgressReader, openProgressReader } from './demo/demo.database';
import { DemoLifecycle } from './demo/demo.lifecycle';
import { type DemoClock, chooseDemoClock } from './demo/demo.clock';
import { awaitLive, mailCatchUp, sayMail, startMailCatcher, watch } from './demo/demo.mail';
import { type DemoOptions, HELP, parseDemoArgs } from './demo/demo.options';
import { counts, elapsed, fmt, progress, rate, say, step } from './demo/demo.output';
import { printLinks } from './demo/demo.links';
import { printReadBack, printWhatToOpen } from './demo/demo.report';
import {
  build,
  database,
  engineCalendar,
  LOG_DIR_ABS,
  logDir,
  replayAllowance,
  services,
  startApps,
  users,
} from './demo/demo.setup';
import { type GeneratedMonth, type MonthInput, generateMonth } from './demo/generator/generate-month';
import { type SendResult, sendEvents } from './demo/sender';
import { pickShowcase, readBack, tally } from './demo/summary';
import { type DemoStaff, demoUsers } from './demo/users';
import { errorMessage } from './support/errors';

const lifecycle = new DemoLifecycle();

/** The last full calendar month before now, in Vietnam time. */
function lastFullMonth(now: number): string {
  const today = dateOfDay(dayOf(now));
  const firstOfMonth = dayOfDate(`${today.slice(0, 7)}-01`);
  return dateOfDay(firstOfMonth - 1).slice(0, 7);
}

/** What the generator is given: the options, the catalogue and settings of config/, a calendar. */
function generatorInput(
  opts: DemoOptions,
  month: string,
  now: number,
  calendar: DemoCalendar,
  staff: Pick<DemoStaff, 'heads'>,
): MonthInput {
  return {
    seed: opts.seed,
    dossiers: opts.dossiers,
    month,
    now,
    procedures: loadProcedures(),
    units: loadUnits(),
    calendar,
    sla: loadSettings().sla,
    tailDays: opts.tailDays,
    heads: staff.heads,
  };
}

/** 6. The synthetic month, counted on the engine's calendar. */
async function generate(
  opts: DemoOptions,
  month: string,
  now: number,
  client: DemoApi,
  adminToken: string,
  staff: DemoStaff,
): Promise<GeneratedMonth> {
  step(`generating ${month} (seed ${opts.seed})`);
  const calendar = await engineCalendar(client, adminToken, month);
  const genStart = Date.now();
  const gen = generateMonth(generatorInput(opts, month, now, calendar, staff));
  const inMonth = gen.dossiers.filter((d) => d.inMonth).length;
  say(
    `  ${fmt(gen.dossiers.length)} dossiers (${fmt(inMonth)} received ${gen.window.monthFrom}..${gen.window.monthTo}` +
      `${gen.window.tailEnd ? `, ${fmt(gen.dossiers.length - inMonth)} after it up to ${gen.window.tailEnd}` : ''}), ` +
      `${fmt(gen.events.length)} events up to ${formatLocal(gen.window.cutoff)} in ${Date.now() - genStart} ms`,
  );
  say(`  by type: ${counts(tally(gen.events, (e) => e.type))}`);
  return gen;
}

/** 6b. Every event through the batch API, each batch as the user whose role logs it (or admin). */
async function replay(
  opts: DemoOptions,
  client: DemoApi,
  gen: GeneratedMonth,
  staff: DemoStaff,
  tokens: ReadonlyMap<string, string>,
): Promise<SendResult> {
  step(`replaying through POST /api/v1/events/batch (≤1000 per request, ${opts.concurrency} in flight)`);
  const userOf = (actor: string): string => {
    const user = opts.as === 'admin' ? 'admin' : staff.actors.get(actor);
    if (!user) throw new Error(`no demo user logs the events of ${actor}`);
    return user;
  };
  const sent = await sendEvents({
    client,
    events: gen.events,
    userOf,
    tokens,
    concurrency: opts.concurrency,
    onProgress: (p) =>
      progress(
        `${fmt(p.sent)}/${fmt(p.total)} sent in ${p.requests} requests — accepted ${fmt(p.accepted)}, duplicate ${fmt(p.duplicate)}, rejected ${fmt(p.rejected)} — ${fmt(rate(p.sent, p.elapsedMs))} events/s`,
      ),
  });
  progress(
    `${fmt(sent.sent)} events in ${sent.requests} requests, ${(sent.elapsedMs / 1000).toFixed(1)}s: accepted ${fmt(sent.accepted)}, duplicate ${fmt(sent.duplicate)}, rejected ${fmt(sent.rejected)} — intake ${fmt(rate(sent.sent, sent.elapsedMs))} events/s`,
    true,
  );
  if (sent.rejectedEvents.length > 0) {
    say(`  rejected (first ${Math.min(10, sent.rejectedEvents.length)} of ${sent.rejected}):`);
    for (const r of sent.rejectedEvents.slice(0, 10))
      say(
        `    ${r.event.dossierCode} ${r.event.type} @${r.event.occurredAt} as ${r.user}: ${r.error ? `${r.error.code}: ${r.error.message}` : '?'}`,
      );
  }
  return sent;
}

/** 7. Polls the event table until the worker has applied every event, or nothing moved for 60 s. */
async function waitForWorker(
  reader: ProgressReader,
  before: EventCounts,
  sendStart: number,
): Promise<{ pending: number; applyMs: number; appliedNow: number }> {
  step('waiting for the worker to apply every event');
  let state = await reader.read();
  let stalledSince = Date.now();
  while (state.pending > 0) {
    await sleep(500);
    const next = await reader.read();
    if (next.pending < state.pending) stalledSince = Date.now();
    state = next;
    const applied = state.total - before.total + before.pending - state.pending;
    progress(
      `${fmt(state.pending)} pending of ${fmt(state.total)} — applied ${fmt(applied)} since the replay began, ${fmt(rate(applied, Date.now() - sendStart))} events/s`,
    );
    if (Date.now() - stalledSince > 60_000) {
      progress('', true);
      say(
        `  WARNING: ${state.pending} event(s) have not moved for 60s; see .data/demo/worker.log. Continuing.`,
      );
      break;
    }
  }
  const applyMs = Date.now() - sendStart;
  const appliedNow = state.total - before.total + before.pending - state.pending;
  if (state.pending === 0)
    progress(
      `all ${fmt(state.total)} events applied; ${fmt(appliedNow)} applied in ${(applyMs / 1000).toFixed(1)}s since the replay began — ${fmt(rate(appliedNow, applyMs))} events/s end to end`,
      true,
    );
  return { pending: state.pending, applyMs, appliedNow };
}

/** 7b. The worker again, now with the deadline tracker: it acts at every deadline the month left due, once. */
async function trackerCatchUp(
  reader: ProgressReader,
  startTracker: () => Promise<void>,
  clock: DemoClock,
): Promise<number> {
  step('the deadline tracker catches up on the month (worker restarted with it)');
  const start = Date.now();
  await startTracker();
  const demoNow = (): number => Date.now() + clock.offsetMs;
  let last = await reader.tracker(demoNow());
  let movedAt = Date.now();
  for (;;) {
    await sleep(500);
    const now = await reader.tracker(demoNow());
    if (
      now.reached !== last.reached ||
      now.pending !== last.pending ||
      now.due !== last.due ||
      now.unreacted !== last.unreacted
    )
      movedAt = Date.now();
    last = now;
    progress(
      `${fmt(now.reached)} deadline(s) acted at, ${fmt(now.due)} dossier(s) with a deadline still due, ${fmt(now.pending)} event(s) to apply, ${fmt(now.unreacted)} to react to (drafts, mails)`,
    );
    // Settled: nothing due is left unacted at, the worker has applied what the tracker logged, and its reactors
    // (apology drafts, staff mails, letters) have claimed their mails.
    const settled = now.due === 0 && now.pending === 0 && now.unreacted === 0;
    if ((settled && Date.now() - start > 3000) || Date.now() - movedAt > 30_000) break;
  }
  progress(
    `the tracker acted at ${fmt(last.reached)} deadline(s) in ${((Date.now() - start) / 1000).toFixed(1)}s: ${counts(last.byKind)}`,
    true,
  );
  if (last.due > 0)
    say(`  WARNING: ${last.due} dossier(s) still have a deadline due; see .data/demo/worker-tracker.log`);
  return last.pending + last.unreacted;
}

/** The head of the unit leading the most procedures: the unit head whose dashboard has the most to show. */
function busiestHead(staff: DemoStaff): string | null {
  const heads = staff.users.filter((u) => u.roles.includes('unit_head'));
  for (const unit of loadLeadUnits()) {
    const head = heads.find((u) => u.units.includes(unit));
    if (head) return head.username;
  }
  return heads[0]?.username ?? null;
}

async function main(): Promise<number> {
  const opts = parseDemoArgs(process.argv.slice(2));
  if (opts.help) {
    say(HELP);
    return 0;
  }
  lifecycle.handleSignals();
  if (opts.month && `${opts.month}-01` > dateOfDay(dayOf(Date.now())))
    throw new Error(`--month ${opts.month} has not started yet`);
  say(
    `motcua demo — seed ${opts.seed}, ${fmt(opts.dossiers)} dossiers in ${opts.month ?? 'the last full month'}, events posted as ${opts.as === 'roles' ? 'each role user' : 'admin'}`,
  );

  const target = await services(opts, lifecycle);
  await build();
  await database(target);
  // Chosen once the slow first steps are done, so the dossier picked to fall due does so after the replay.
  step('mail catcher and demo clock');
  const catcher = await startMailCatcher(LOG_DIR_ABS, lifecycle);
  const monthAt = (t: number): string => opts.month ?? lastFullMonth(t);
  const staffPlan = demoUsers(loadUnits());
  const clock = chooseDemoClock(loadDemoCalendar(), Date.now(), opts.clock, (t) =>
    generateMonth(generatorInput(opts, monthAt(t), t, loadDemoCalendar(), staffPlan)),
  );
  sayMail(catcher, clock);
  const now = clock.now;
  const month = monthAt(now);
  const adminPassword = process.env.ADMIN_PASSWORD || 'motcua-admin';
  const { client, base, startTracker, lookupSecret } = await startApps(
    opts,
    target,
    adminPassword,
    lifecycle,
    replayAllowance(month, now),
    { smtpUrl: catcher.smtpUrl, clockOffsetMs: clock.offsetMs },
  );
  const { staff, tokens, adminToken } = await users(client, adminPassword);
  const gen = await generate(opts, month, now, client, adminToken, staff);

  const reader = await openProgressReader(target.databaseUrl);
  const before = await reader.read();
  const sendStart = Date.now();
  const sent = await replay(opts, client, gen, staff, tokens);
  const applied = await waitForWorker(reader, before, sendStart);
  const trackerPending = await trackerCatchUp(reader, startTracker, clock);
  let mailProblems = await mailCatchUp(reader, catcher, clock);
  const foldRejected = await reader.foldRejected();

  // 8. summary
  step('summary');
  const managerToken = tokens.get(staff.manager) ?? adminToken;
  printReadBack(await readBack(client, managerToken, gen.dossiers), foldRejected);
  const showcase = await pickShowcase(client, managerToken, gen.dossiers);
  printWhatToOpen(base, staff.users[0].password, showcase);
  say(`  inbox        ${catcher.inboxUrl}   (every mail the engine sent: staff warnings, apology letters)`);
  say(`  mails        curl -s -H "Authorization: Bearer $TOKEN" '${base}/api/v1/notifications?limit=20'`);
  say(
    `  timings: total ${elapsed()}, intake ${fmt(rate(sent.sent, sent.elapsedMs))} events/s, ` +
      `application ${fmt(rate(applied.appliedNow, applied.applyMs))} events/s (${fmt(applied.appliedNow)} events)`,
  );
  // Last, so a newcomer finds them at the bottom: the public lookup and the documents of real dossiers.
  const linkProblems = await printLinks({
    base,
    lookupSecret,
    token: managerToken,
    live: clock.live?.code ?? null,
    showcase,
    dashboard: {
      month,
      manager: staff.manager,
      unitHead: busiestHead(staff),
      password: staff.users[0].password,
    },
  });

  // 9. run until Ctrl-C (or stop now)
  if (opts.exit) {
    if (!(await awaitLive(reader, catcher, clock))) mailProblems++;
    await reader.close();
    await lifecycle.stopAll('--exit');
    // Rejected events, events the worker never applied or mails that never reached the inbox mean the replay
    // went wrong: fail a smoke test.
    return sent.rejected > 0 ||
      applied.pending > 0 ||
      trackerPending > 0 ||
      mailProblems > 0 ||
      linkProblems > 0
      ? 2
      : 0;
  }
  say(`\nAPI, worker and maildev keep running (logs in ${logDir()}/). Ctrl-C stops them.`);
  await watch(reader, clock);
  return 0;
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    console.error(`\ndemo: ${errorMessage(err)}`);
    await lifecycle.stopAll('error');
    process.exit(1);
  },
);
