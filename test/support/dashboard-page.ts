// The dashboard as a person uses it (apps/dashboard, served at /dashboard): log in, wait for the sections, read
// what the browser rendered.
import type { Page } from 'playwright-core';

/** Logs in through the page's own form and waits until every section of the period has loaded. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await loaded(page);
}

/** The status line says "Số liệu …" once the summary, trends, league table, report and worklist have answered. */
export async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent?.startsWith('Số liệu') ?? false,
  );
}

/** One indicator card as rendered: its rate, numerator, denominator and met/missed class. */
export async function card(
  page: Page,
  key: string,
): Promise<{ rate: string; numerator: string; denominator: string; verdict: string }> {
  const c = page.locator(`[data-indicator="${key}"]`);
  const cls = (await c.getAttribute('class')) ?? '';
  return {
    rate: (await c.locator('.rate').innerText()).replace(/\s+/g, ' ').trim(),
    numerator: await c.locator('.numerator').innerText(),
    denominator: await c.locator('.denominator').innerText(),
    verdict: ['met', 'missed', 'none'].find((v) => cls.split(' ').includes(v)) ?? '?',
  };
}

/** The counts line above the cards, by key. */
export async function counts(page: Page): Promise<Record<string, string>> {
  const items = page.locator('#counts [data-count]');
  const out: Record<string, string> = {};
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i);
    out[(await item.getAttribute('data-count')) ?? '?'] = await item.locator('strong').innerText();
  }
  return out;
}

/** The league table as rows of {unit code, rank, on-time rate}. */
export async function league(page: Page): Promise<{ unit: string; rank: string; onTime: string }[]> {
  const rows = page.locator('#league-table tbody tr');
  const out: { unit: string; rank: string; onTime: string }[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push({
      unit: (await row.locator('[data-unit]').getAttribute('data-unit')) ?? '?',
      rank: await row.locator('td').first().innerText(),
      onTime: await row.locator('[data-key="onTimeRate"]').innerText(),
    });
  }
  return out;
}

/** A table's body as text, cell by cell. */
export async function tableText(page: Page, selector: string): Promise<string[][]> {
  const rows = page.locator(`${selector} tbody tr`);
  const out: string[][] = [];
  // textContent: a table inside a closed <details> has no rendered text.
  for (let i = 0; i < (await rows.count()); i++)
    out.push((await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim()));
  return out;
}

/** The answers of 400 and above the page received, as "status path?query", to say which call failed. */
export function watchFailures(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) {
      const url = new URL(res.url());
      failed.push(`${res.status()} ${url.pathname}${url.search}`);
    }
  });
  return failed;
}
