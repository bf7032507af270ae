// Pages as a person sees them: the system's Chromium driven by playwright-core (which never downloads a browser).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ROOT } from './settings';

/** Where the screenshots of the pages go, for a person to look at. */
export const PAGE_ARTEFACTS = path.join(ROOT, '.data/artefacts');

/** CHROMIUM_PATH (set by `npm test`, scripts/services/browser.ts), else the first Chromium on PATH. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome'])
    for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not in this directory
      }
    }
  throw new Error(
    'No Chromium found: run the specs through `npm test` (it installs one) or set CHROMIUM_PATH',
  );
}

/** A headless Chromium; `--no-sandbox` because the tests may run as root (CI, containers). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
}

/** What a page said on its console (errors and warnings: CSP violations land here) and what it threw. */
export function watchConsole(page: Page): string[] {
  const said: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') said.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => said.push(`pageerror: ${err.message}`));
  return said;
}

/** The browser's global, for the callback that runs in the page (declared here: this file needs no DOM lib). */
declare const getComputedStyle: (el: unknown) => { getPropertyValue(property: string): string };

/** The computed value of a CSS property on the first element matching the selector, as the browser resolved it. */
export function computedStyle(page: Page, selector: string, property: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((el, prop) => getComputedStyle(el).getPropertyValue(prop), property);
}

/** Saves a full-page screenshot as `<dir>/<name>.png` under .data/artefacts/; returns its path. */
export async function savePageShot(page: Page, dir: string, name: string): Promise<string> {
  const out = path.join(PAGE_ARTEFACTS, dir, `${name}.png`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  return out;
}
