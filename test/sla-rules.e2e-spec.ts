/**
 * Issue 7 point 9, end to end: the rules that had drifted from domain.md, each seen through the real API, worker,
 * PostgreSQL and Redis (the fold's own unit tests in libs/sla name the same sections).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SLA_SETTINGS } from '@motcua/sla';
import { event, MC, newDossierCode, received, VLATLD } from './support/events';
import { Harness, ROOT } from './support/harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await Harness.start({ now: '2025-03-20T10:00:00+07:00' });
  admin = await h.admin();
});

afterAll(async () => {
  await h?.stop();
});

async function log(events: ReturnType<typeof event>[]): Promise<Array<{ status: number; body: any }>> {
  const out = [];
  for (const e of events) out.push(await h.post('/api/v1/events', e, admin));
  return out;
}

const dossier = async (code: string) => (await h.get(`/api/v1/dossiers/${code}`, admin)).body;
const apology = (code: string, at: string, newDueAt: string) =>
  event(code, 'apology_issued', at, {
    reason: 'Chờ xác minh',
    newDueAt,
    signer: { name: 'Lê Văn C', title: 'Phó Giám đốc' },
    responsibleUnit: VLATLD,
  });

describe('§7.1 and §7.2: both outcomes are stored', () => {
  it('a result on the due day after the due instant is on time by date (Biểu II.06a), late by instant (766)', async () => {
    const code = newDossierCode();
    // 1.014199: 10 working days from Mon 03/03 08:30 → due Mon 17/03 08:30.
    const res = await log([
      received(code, '2025-03-03T08:30:00+07:00'),
      event(code, 'result_ready', '2025-03-17T10:00:00+07:00', { outcome: 'approved' }),
    ]);
    expect(res.map((r) => r.status)).toEqual([202, 202]);
    await h.waitForAllApplied();
    const d = await dossier(code);
    expect(d.dueAt).toBe('2025-03-17T08:30:00+07:00');
    expect(d.sla).toMatchObject({ outcome: 'on_time', outcomeByInstant: 'late' });
    const [row] = await h.query('SELECT outcome, outcome_by_instant FROM dossiers WHERE code = $1', [code]);
    expect(row).toEqual({ outcome: 'on_time', outcome_by_instant: 'late' });
  });
});

describe('§5.1: sla.maxReappointments is honoured', () => {
  it('with the default 1, a second apology is refused at the door naming the setting', async () => {
    const code = newDossierCode();
    const res = await log([
      received(code, '2025-03-03T08:30:00+07:00'),
      apology(code, '2025-03-13T10:00:00+07:00', '2025-03-20T17:00:00+07:00'),
      apology(code, '2025-03-14T10:00:00+07:00', '2025-03-24T17:00:00+07:00'),
    ]);
    expect(res.map((r) => r.status)).toEqual([202, 202, 422]);
    expect(res[2].body.error).toMatchObject({ code: 'transition_not_allowed' });
    expect(res[2].body.error.message).toContain('maxReappointments');
  });

  it('with 2, a second apology with a later new date is accepted and becomes the re-appointment', async () => {
    const h2 = await Harness.start({
      now: '2025-03-20T10:00:00+07:00',
      config: { sla: { ...DEFAULT_SLA_SETTINGS, maxReappointments: 2 } },
    });
    try {
      const token = await h2.admin();
      const code = newDossierCode();
      const events = [
        received(code, '2025-03-03T08:30:00+07:00'),
        apology(code, '2025-03-13T10:00:00+07:00', '2025-03-20T17:00:00+07:00'),
        apology(code, '2025-03-14T10:00:00+07:00', '2025-03-24T17:00:00+07:00'),
      ];
      for (const e of events) expect((await h2.post('/api/v1/events', e, token)).status).toBe(202);
      const d = (await h2.get(`/api/v1/dossiers/${code}`, token)).body;
      expect(d.rescheduledDueAt).toBe('2025-03-24T17:00:00+07:00');
      // The KPI due date stays the original one (§5.3).
      expect(d.dueAt).toBe('2025-03-17T08:30:00+07:00');
    } finally {
      await h2.stop();
    }
  });
});

describe('§3.1 / §6.5: a paper dossier received after 15:00 leaves the desk by the next opening', () => {
  it('forwarded on paper at 09:00 the next morning, the desk step is late by two working hours', async () => {
    const code = newDossierCode();
    const res = await log([
      received(code, '2025-03-03T16:00:00+07:00'),
      event(code, 'forwarded', '2025-03-04T09:00:00+07:00', {
        fromUnit: MC,
        toUnit: VLATLD,
        method: 'paper',
      }),
    ]);
    expect(res.map((r) => r.status)).toEqual([202, 202]);
    const desk = (await dossier(code)).steps[0];
    // Mon 16:00–17:00 and Tue 07:00–09:00 used; the allowance ended at Tue 07:00 (not 11:30 as before).
    expect(desk).toMatchObject({
      code: 'TN',
      outcome: 'late',
      usedWorkingMinutes: 180,
      overrunWorkingMinutes: 120,
    });
  });
});

describe('§6.7: paused time counts only the pauses that moved the due date', () => {
  it('a financial obligation pauses EX.006 (the procedure says so) but not 1.014199', async () => {
    const counted = newDossierCode();
    const paused = newDossierCode();
    const obligation = (code: string) => [
      event(code, 'obligation_requested', '2025-03-04T08:00:00+07:00', { amountVnd: 600000 }),
      event(code, 'obligation_fulfilled', '2025-03-05T08:00:00+07:00', { amountVnd: 600000 }),
    ];
    await log([received(counted, '2025-03-03T08:30:00+07:00'), ...obligation(counted)]);
    await log([
      received(paused, '2025-03-03T08:30:00+07:00', { procedureCode: 'EX.006' }),
      ...obligation(paused),
    ]);
    const a = await dossier(counted);
    expect(a.sla.pausedWorkingMinutes).toBe(0);
    expect(a.dueAt).toBe('2025-03-17T08:30:00+07:00');
    const b = await dossier(paused);
    // One working day (08:00 → 08:00) moved the due date, and is the paused time.
    expect(b.sla.pausedWorkingMinutes).toBe(480);
    expect(b.dueHistory.at(-1)).toMatchObject({ reason: 'obligation_pause' });
  });
});

describe('§6.6: late reception of an online dossier is flagged in the dossier and its worklist', () => {
  it('received more than 8 working hours after submission', async () => {
    const code = newDossierCode();
    const res = await log([
      received(code, '2025-03-04T10:00:00+07:00', {
        channel: 'online',
        submittedAt: '2025-03-03T08:00:00+07:00',
      }),
    ]);
    expect(res[0].status).toBe(202);
    await h.waitForAllApplied();
    const d = await dossier(code);
    expect(d.receivedLate).toBe(true);
    const list = await h.get('/api/v1/dossiers?sla=late_reception&limit=200', admin);
    expect(list.body.items.map((i: { code: string }) => i.code)).toContain(code);
  });
});

describe('§6.1: hours per working day must match the office hours', () => {
  it('the API refuses to start with a 7.5-hour profile and 8 hours a day, naming both values', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-settings-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'settings.json'),
        JSON.stringify({
          calendar: {
            profile: {
              name: 'short',
              sessions: [
                { start: '07:30', end: '11:30' },
                { start: '13:30', end: '17:00' },
              ],
            },
          },
        }),
      );
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'test', MOTCUA_CONFIG_DIR: dir, PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (b: Buffer) => (output += b.toString()));
      child.stderr.on('data', (b: Buffer) => (output += b.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain('hoursPerWorkingDay');
      expect(output).toMatch(/7\.5/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
