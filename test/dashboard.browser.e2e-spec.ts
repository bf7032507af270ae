/**
 * Issue 10, the managers' dashboard in a real browser: the system's Chromium (playwright-core) against the real API,
 * worker, PostgreSQL and Redis. A small June 2025 is logged through the API under a controlled clock (1 July 2025):
 *
 *   VLATLD leads E2E.DASH (5 working days): A early, B on its due day, C late, D early; E received 30/06, open.
 *   NCC leads E2E.DASH2: G early.                           F (E2E.DASH) received in May, open and overdue.
 *
 * By hand: resolved in June A, B, C, D, G of which on time all but C: 4 / 5 = 80,00% for a manager; VLATLD alone
 * 3 / 4 = 75,00% (its unit head's view); NCC 1 / 1 = 100,00%. Received in June: 6 (VLATLD 5). The page must show
 * these, every other card equal to the API, met or missed by colour; the league table ranks NCC before VLATLD; the
 * overdue worklist leads to F's timeline and its receipt. A unit head is offered their unit only. Screenshots go to
 * .data/artefacts/dashboard/.
 */
import type { Readable } from 'node:stream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { INDICATOR_KEYS } from '@motcua/contracts';
import { formatCount, formatRate } from '../apps/dashboard/src/format';
import { computedStyle, launchBrowser, savePageShot, watchConsole } from './support/browser';
import { card, counts, league, loaded, logIn, tableText, watchFailures } from './support/dashboard-page';
import {
  forwarded,
  MC,
  newDossierCode,
  received,
  resultReady,
  twoStepProcedure,
  VLATLD,
} from './support/events';
import { Harness, USER_PASSWORD } from './support/harness';

const NCC = 'LDTBXH.NCC';
const P = 'E2E.DASH';
const P2 = 'E2E.DASH2';
const JUNE = 'from=2025-06-01&to=2025-06-30';
const t = (local: string) => `2025-${local}:00+07:00`;

let h: Harness;
let admin: string;
let managerToken: string;
let headToken: string;
let browser: Browser;
const codes: Record<string, string> = {};

/** A dossier of `procedure` received at `when` (MM-DDTHH:MM), forwarded to its division half an hour later. */
function start(key: string, procedure: string, when: string, division = VLATLD) {
  const code = newDossierCode('H57.12-250601');
  codes[key] = code;
  const at = Date.parse(t(when)) + 30 * 60_000;
  return [
    received(code, t(when), { procedureCode: procedure }),
    forwarded(code, new Date(at).toISOString().replace('Z', '+00:00'), MC, division),
  ];
}
const done = (key: string, when: string) => resultReady(codes[key], t(when));

beforeAll(async () => {
  h = await Harness.start({ now: '2025-07-01T10:00:00+07:00' });
  admin = await h.admin();
  for (const [code, body] of [
    [P, twoStepProcedure('Thủ tục kiểm thử bảng điều khiển')],
    [
      P2,
      {
        ...twoStepProcedure('Thủ tục kiểm thử người có công'),
        leadUnitCode: NCC,
        steps: [
          { code: 'TN', name: 'Tiếp nhận', unitCode: MC, allocatedWorkingHours: 4 },
          { code: 'TD', name: 'Thẩm định', unitCode: NCC, allocatedWorkingHours: 36 },
        ],
      },
    ],
  ] as const) {
    const res = await h.put(`/api/v1/procedures/${code}`, body, admin);
    expect({ code, status: res.status }).toEqual({ code, status: 200 });
  }
  // Five working days from reception: a dossier received Monday 08:00 is due the next Monday 08:00.
  const events = [
    ...start('A', P, '06-02T08:00'),
    done('A', '06-04T08:00'), // due 09/06: early
    ...start('B', P, '06-02T09:00'),
    done('B', '06-09T08:30'), // due 09/06 09:00: on the due day, on time
    ...start('C', P, '06-03T08:00'),
    done('C', '06-20T08:00'), // due 10/06: late
    ...start('D', P, '06-04T08:00'),
    done('D', '06-05T08:00'), // due 11/06: early
    ...start('E', P, '06-30T08:00'), // due 07/07: open, within due
    ...start('F', P, '05-19T08:00'), // due 26/05: open, overdue at the clock
    ...start('G', P2, '06-10T08:00', NCC),
    done('G', '06-12T08:00'), // due 17/06: early
  ];
  for (const e of events) {
    const res = await h.post('/api/v1/events', e, admin);
    expect({ type: e.type, code: e.dossierCode, status: res.status }).toMatchObject({ status: 202 });
  }
  await h.waitForAllApplied();
  managerToken = await h.createUser('dash.manager', ['manager'], ['*']);
  headToken = await h.createUser('dash.head', ['unit_head'], [VLATLD]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/** A fresh browser profile (its own sessionStorage) with a watched tab on the dashboard of June 2025. */
async function openDashboard(): Promise<{
  context: BrowserContext;
  page: Page;
  said: string[];
  failed: string[];
}> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const said = watchConsole(page);
  const failed = watchFailures(page);
  const res = await page.goto(`${h.baseUrl}/dashboard?month=2025-06`);
  expect(res?.status()).toBe(200);
  return { context, page, said, failed };
}

/** The first chunk of a downloaded file. */
async function firstBytes(stream: Readable): Promise<Buffer> {
  const chunk = await new Promise<Buffer>((resolve, reject) => {
    stream.once('data', (b: Buffer) => resolve(b));
    stream.once('error', reject);
  });
  stream.destroy();
  return chunk;
}

const summaryOf = async (token: string, query = JUNE) => {
  const res = await h.get(`/api/v1/metrics/summary?${query}`, token);
  expect(res.status).toBe(200);
  return res.body;
};

/** Every card equals the API's answer for the same slice: rate (— for null), numerator, denominator, verdict. */
async function expectCardsEqualApi(page: Page, api: any): Promise<void> {
  for (const key of INDICATOR_KEYS) {
    const v = api.indicators[key];
    const verdict = !v.target || v.target.met === null ? 'none' : v.target.met ? 'met' : 'missed';
    expect({ key, ...(await card(page, key)) }).toEqual({
      key,
      rate: v.rate === null ? '— N/A' : formatRate(v.rate),
      numerator: formatCount(v.numerator),
      denominator: formatCount(v.denominator),
      verdict,
    });
  }
}

describe('the dashboard in Chromium', () => {
  it('serves the page with a CSP that allows no inline script or style, and asks for a login', async () => {
    const res = await fetch(`${h.baseUrl}/dashboard`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const { context, page, said, failed } = await openDashboard();
    await expect(page.title()).resolves.toBe('Bảng điều khiển — Một cửa');
    expect(await page.locator('#login-view').isVisible()).toBe(true);
    // The stylesheet (a file, allowed by the CSP) is applied.
    expect(await computedStyle(page, 'header.top', 'background-color')).toBe('rgb(138, 28, 28)');
    await page.getByLabel('Tên đăng nhập').fill('dash.manager');
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('#login-error').waitFor();
    expect(await page.locator('#login-error').innerText()).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect({ said, failed }).toEqual({
      said: ['error: Failed to load resource: the server responded with a status of 401 (Unauthorized)'],
      failed: ['401 /api/v1/auth/token'],
    });
    await context.close();
  });

  it('shows a manager every rate of June against its target, the league table, the trends and Biểu II.06a with its files', async () => {
    const { context, page, said, failed } = await openDashboard();
    await logIn(page, 'dash.manager', USER_PASSWORD);
    expect(await page.locator('#status').innerText()).toBe('Số liệu Tháng 6/2025, Toàn Sở (tất cả đơn vị).');

    // By hand (above): 4 of 5 resolved on time, received 6, resolved 5; missed against the plan's 100%.
    expect(await card(page, 'onTimeRate')).toEqual({
      rate: '80,00%',
      numerator: '4',
      denominator: '5',
      verdict: 'missed',
    });
    expect(await counts(page)).toMatchObject({ received: '6', resolved: '5' });
    expect(await computedStyle(page, '[data-indicator="onTimeRate"]', 'border-left-color')).toBe(
      'rgb(179, 45, 46)',
    );
    await expectCardsEqualApi(page, await summaryOf(managerToken));

    // The league table: one summary per unit leading a procedure; NCC (100%) before VLATLD (75%).
    const rows = await league(page);
    expect(rows.slice(0, 2)).toEqual([
      { unit: NCC, rank: '1', onTime: '100,00%' },
      { unit: VLATLD, rank: '2', onTime: '75,00%' },
    ]);
    for (const row of rows) {
      const s = await summaryOf(managerToken, `${JUNE}&unit=${row.unit}`);
      expect({ unit: row.unit, onTime: row.onTime }).toEqual({
        unit: row.unit,
        onTime: formatRate(s.indicators.onTimeRate.rate),
      });
    }
    // The manager may pick any unit.
    const units = await page
      .locator('#unit option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(units).toEqual(expect.arrayContaining(['', VLATLD, NCC, MC]));

    // Trends: the June point of the on-time series is the month's summary; the chart is drawn.
    const series = await tableText(page, 'table[data-series="onTimeRate"]');
    expect(series.at(-1)).toEqual(['Tháng 6/2025', '80,00%', '4 / 5', '100,00%']);
    expect(series).toHaveLength(12);
    const box = await page.locator('[data-trend="onTimeRate"] canvas').boundingBox();
    expect(box?.height).toBeGreaterThan(100);

    // Biểu II.06a of June, by hand: F carried over from May, 6 received at the desk; resolved A, D, G early, B on
    // its due day, C late; pending E within due, F overdue. Both procedures are of the field "Việc làm".
    // Every field of the catalogue has its row; the others are empty.
    const total = ['7', '1', '0', '6', '5', '3', '1', '1', '2', '1', '1'];
    const report = await tableText(page, '#report-06a-table');
    expect(report.find((r) => r[1] === 'Việc làm')?.slice(2)).toEqual(total);
    expect(report.at(-1)).toEqual(['', 'Tổng cộng', ...total]);
    for (const row of report.filter((r) => r[1] !== 'Việc làm' && r[1] !== 'Tổng cộng'))
      expect(row.slice(2).every((n) => n === '0')).toBe(true);
    // The exports are the API's own files, fetched with the token.
    const saved = async (button: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      return {
        name: download.suggestedFilename(),
        head: await firstBytes(await download.createReadStream()),
      };
    };
    const csv = await saved('Tải CSV');
    expect(csv.name).toBe('bieu-II.06a-2025-06-01-2025-06-30.csv');
    expect(csv.head.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // UTF-8 with BOM, for Excel
    const xlsx = await saved('Tải XLSX');
    expect(xlsx.name).toBe('bieu-II.06a-2025-06-01-2025-06-30.xlsx');
    expect(xlsx.head.subarray(0, 2).toString()).toBe('PK'); // a zip: the XLSX container

    await savePageShot(page, 'dashboard', 'manager');
    expect({ said, failed }).toEqual({ said: [], failed: [] });
    await context.close();
  });

  it('leads from the overdue worklist to a dossier’s timeline, its receipt and its apology', async () => {
    const { context, page, said, failed } = await openDashboard();
    await logIn(page, 'dash.manager', USER_PASSWORD);
    const overdue = await tableText(page, 'table[data-worklist="overdue"]');
    expect(overdue.map((r) => r[0])).toEqual([codes.F]);
    expect(overdue[0]).toEqual([
      codes.F,
      'Thủ tục kiểm thử bảng điều khiển',
      'Phòng Việc làm – An toàn lao động',
      'Trực tiếp',
      'Đang giải quyết',
      '19/05/2025 08:00',
      '26/05/2025 08:00',
      'Quá hạn',
    ]);

    await page.getByRole('button', { name: codes.F }).click();
    await page.locator('table.timeline').waitFor();
    expect(await page.locator('#dossier-title').innerText()).toBe(`Hồ sơ ${codes.F}`);
    const timeline = await tableText(page, 'table.timeline');
    expect(timeline.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['19/05/2025 08:00', 'Tiếp nhận', 'Đã áp dụng'],
      ['19/05/2025 08:30', 'Chuyển xử lý', 'Đã áp dụng'],
    ]);
    // Overdue without a letter: the apology is due (a preview of the letter the API would draft).
    expect(await page.locator('[data-apology]').getAttribute('data-apology')).toBe('due');
    await savePageShot(page, 'dashboard', 'dossier');

    // The receipt's PDF comes with the bearer token, as a download under the API's file name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-kind="receipt"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`mau-01-${codes.F}.pdf`);
    expect((await firstBytes(await download.createReadStream())).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    expect(await page.locator('#login-view').isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect({ said, failed }).toEqual({ said: [], failed: [] });
    await context.close();
  });

  it('offers a unit head their unit only, with its own figures', async () => {
    const { context, page, said, failed } = await openDashboard();
    await logIn(page, 'dash.head', USER_PASSWORD);
    const units = await page
      .locator('#unit option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(units).toEqual([VLATLD]);
    expect(await page.locator('#status').innerText()).toBe(
      'Số liệu Tháng 6/2025, Phòng Việc làm – An toàn lao động.',
    );
    // By hand: A, B, D of A–D on time.
    expect(await card(page, 'onTimeRate')).toEqual({
      rate: '75,00%',
      numerator: '3',
      denominator: '4',
      verdict: 'missed',
    });
    expect(await counts(page)).toMatchObject({ received: '5', resolved: '4' });
    await expectCardsEqualApi(page, await summaryOf(headToken, `${JUNE}&unit=${VLATLD}`));
    expect(await league(page)).toEqual([{ unit: VLATLD, rank: '1', onTime: '75,00%' }]);
    await savePageShot(page, 'dashboard', 'unit-head');

    // Reloading the tab keeps the session (sessionStorage) and the period (the address).
    await page.reload();
    await loaded(page);
    expect(await card(page, 'onTimeRate')).toMatchObject({ rate: '75,00%' });
    expect({ said, failed }).toEqual({ said: [], failed: [] });
    await context.close();
  });
});
