/**
 * Issue 9, the public lookup in a real browser: the system's Chromium (playwright-core) against the real API, worker,
 * PostgreSQL and Redis. A citizen opens /tra-cuu, types the code and key of the receipt into the form and reads the
 * answer; a wrong key gets the 404 page. The page's strict CSP (no script, one inline style known by its hash) must
 * be accepted by the browser: no console error, no CSP violation, and the style visibly applied. Screenshots of
 * each page go to .data/artefacts/lookup/ for a person to check the Vietnamese diacritics.
 * The raw HTTP answers (headers, JSON twin, escaping) are in public-lookup.e2e-spec.ts.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { lookupKeyOf } from '@motcua/application';
import { computedStyle, launchBrowser, savePageShot, watchConsole } from './support/browser';
import { event, forwarded, MC, newDossierCode, received, VLATLD } from './support/events';
import { Harness } from './support/harness';

let h: Harness;
let admin: string;
let browser: Browser;
let context: BrowserContext;

/** Distinctive values, so that a search of the rendered text finds any of them. */
const APPLICANT = {
  name: 'Trần Thị Bích Ngọc',
  idNumber: '079190007654',
  phone: '0912 345 678',
  email: 'ngoc.qv7@example.vn',
  address: '23 Phố Huế, Hai Bà Trưng, Hà Nội',
};
const PERSONAL = [
  ...Object.values(APPLICANT),
  'Ngọc',
  'Bích',
  'Trần Thị',
  '0912345678',
  '007654',
  'qv7',
  'Phố Huế',
  'Lê Văn Cường',
  'Cường',
];
const WORK_PERMIT = 'Cấp giấy phép lao động đối với người lao động nước ngoài làm việc tại Việt Nam';

beforeAll(async () => {
  h = await Harness.start({ now: '2025-03-18T10:00:00+07:00' });
  admin = await h.admin();
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 800, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

/**
 * 1.014199 (10 working days) received Mon 03/03/2025 08:30: due Mon 17/03 08:30; an apology issued Fri 14/03 10:00
 * moved the appointment to Mon 24/03 17:00. At the clock (Tue 18/03 10:00) it is open and overdue.
 */
async function overdueWithApology(): Promise<string> {
  const code = newDossierCode();
  for (const e of [
    received(code, '2025-03-03T08:30:00+07:00', { applicant: APPLICANT }),
    forwarded(code, '2025-03-03T10:00:00+07:00', MC, VLATLD),
    event(code, 'apology_issued', '2025-03-14T10:00:00+07:00', {
      reason: 'Chờ kết quả xác minh của cơ quan phối hợp',
      newDueAt: '2025-03-24T17:00:00+07:00',
      signer: { name: 'Lê Văn Cường', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
      responsibleUnit: VLATLD,
    }),
  ]) {
    const res = await h.post('/api/v1/events', e, admin);
    expect({ type: e.type, status: res.status }).toEqual({ type: e.type, status: 202 });
  }
  await h.waitForAllApplied();
  return code;
}

const keyOf = (code: string) => lookupKeyOf(code, h.config.lookupSecret);

/** A fresh tab whose console is watched. */
async function openTab(): Promise<{ page: Page; said: string[] }> {
  const page = await context.newPage();
  return { page, said: watchConsole(page) };
}

/** Types the code and key into the form as a person would, submits, and returns the status of the page reached. */
async function submitForm(page: Page, code: string, key: string): Promise<number> {
  await page.getByLabel('Mã hồ sơ').fill(code);
  await page.getByLabel('Mã tra cứu (8 ký tự)').fill(key);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.url().includes('key=')),
    page.getByRole('button', { name: 'Tra cứu' }).click(),
  ]);
  await page.waitForLoadState('load');
  return answer.status();
}

/** The answer's definition list as label → value, read from what the browser rendered. */
async function definitions(page: Page): Promise<Record<string, string>> {
  const dts = await page.locator('dl > dt').allInnerTexts();
  const dds = await page.locator('dl > dd').allInnerTexts();
  return Object.fromEntries(dts.map((dt, i) => [dt.trim(), dds[i]?.trim()]));
}

/** The inline style applied (the CSP hash matched): values only the page's <style> sets, not Chromium's defaults. */
async function expectStyled(page: Page): Promise<void> {
  expect(await computedStyle(page, 'body', 'font-family')).toMatch(/^system-ui/);
  expect(await computedStyle(page, 'body', 'background-color')).toBe('rgb(244, 246, 248)');
  expect(await computedStyle(page, 'h1', 'color')).toBe('rgb(138, 28, 28)');
  expect(await computedStyle(page, 'main', 'max-width')).toBe('640px');
}

describe('the lookup page in Chromium', () => {
  it('the form, filled with the receipt of an overdue dossier with an apology, answers in words and nothing personal', async () => {
    const code = await overdueWithApology();
    const { page, said } = await openTab();

    const form = await page.goto(`${h.baseUrl}/tra-cuu`);
    expect(form?.status()).toBe(200);
    await expect(page.title()).resolves.toBe('Tra cứu hồ sơ');
    expect(await page.locator('h1').innerText()).toBe('Tra cứu tình trạng hồ sơ');
    expect(await page.locator('label').allInnerTexts()).toEqual(['Mã hồ sơ', 'Mã tra cứu (8 ký tự)']);
    await expectStyled(page);
    // The inputs show what is typed in capitals (the key is printed so on the receipt).
    expect(await computedStyle(page, '#key', 'text-transform')).toBe('uppercase');
    await savePageShot(page, 'lookup', 'form');

    expect(await submitForm(page, code, keyOf(code))).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/tra-cuu');
    await expect(page.title()).resolves.toBe(`Hồ sơ ${code}`);
    expect(await page.locator('h1').innerText()).toBe('Tình trạng hồ sơ');
    expect(await definitions(page)).toEqual({
      'Mã hồ sơ': code,
      'Thủ tục': WORK_PERMIT,
      'Người nộp': 'T.T.B.N.',
      'Trạng thái': 'Đang giải quyết',
      'Ngày tiếp nhận': '08:30 ngày 03/03/2025',
      'Ngày hẹn trả kết quả': '08:30 ngày 17/03/2025',
      'Ngày hẹn lại': '17:00 ngày 24/03/2025',
      'Thời hạn': 'Quá hạn giải quyết',
      'Văn bản xin lỗi': 'Đã ban hành 10:00 ngày 14/03/2025',
    });
    // Late is shown in red: the .late rule of the hashed style.
    expect(await computedStyle(page, 'dd.late', 'color')).toBe('rgb(179, 45, 46)');
    await expectStyled(page);
    expect(await page.locator('p.note').innerText()).toBe('Thông tin tại thời điểm 10:00 ngày 18/03/2025.');

    // Everything a person can read (or copy) of the page, the title included.
    const text = `${await page.title()}\n${await page.locator('body').innerText()}`;
    for (const personal of PERSONAL)
      expect({ personal, found: text.includes(personal) }).toEqual({ personal, found: false });
    await savePageShot(page, 'lookup', 'answer');

    // "Tra cứu hồ sơ khác" leads back to an empty form.
    await page.getByRole('link', { name: 'Tra cứu hồ sơ khác' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').innerText()).toBe('Tra cứu tình trạng hồ sơ');
    expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe('');

    expect(said).toEqual([]);
    await page.close();
  });

  it('a wrong key typed in the form gets the 404 page in Vietnamese, whose own form then finds the dossier', async () => {
    const code = await overdueWithApology();
    const right = keyOf(code);
    const wrong = right === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA';
    const { page, said } = await openTab();

    await page.goto(`${h.baseUrl}/tra-cuu`);
    expect(await submitForm(page, code, wrong)).toBe(404);
    await expect(page.title()).resolves.toBe('Không tìm thấy hồ sơ');
    expect(await page.locator('h1').innerText()).toBe('Không tìm thấy hồ sơ');
    expect(await page.locator('.problem').innerText()).toBe(
      'Mã hồ sơ hoặc mã tra cứu không đúng. Vui lòng đối chiếu với Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
    );
    await expectStyled(page);
    expect(await computedStyle(page, '.problem', 'border-left-color')).toBe('rgb(179, 45, 46)');
    await savePageShot(page, 'lookup', 'not-found');

    // The 404 page's form posts back to /tra-cuu: the right key now answers.
    expect(await submitForm(page, code, right)).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Tình trạng hồ sơ');

    // Chromium reports the document that answered 404 as a failed load, once; nothing else may appear.
    expect(said).toEqual([
      'error: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
    await page.close();
  });

  it('would notice a style the CSP refuses (the check above is not blind)', async () => {
    const { page, said } = await openTab();
    // The same page with one byte of its <style> changed: its hash no longer matches the header's.
    await page.route('**/tra-cuu', async (route) => {
      const res = await route.fetch();
      const body = (await res.text()).replace('color:#8a1c1c', 'color:#8a1c1d');
      await route.fulfill({ response: res, body });
    });
    await page.goto(`${h.baseUrl}/tra-cuu`);
    expect(await computedStyle(page, 'h1', 'color')).not.toBe('rgb(138, 28, 28)');
    expect(said.join('\n')).toMatch(/inline style.*violates.*Content Security Policy/);
    await page.close();
  });
});
