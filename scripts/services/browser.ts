// The page specs drive a real Chromium through playwright-core (which downloads no browser): installed when missing.
import * as fs from 'node:fs';
import { installPackages } from './apt.install';
import { findExecutable } from './system.util';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

/** CHROMIUM_PATH when set (it must be executable), else the first of NAMES on PATH, else null. */
function findChromium(): string | null {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    try {
      fs.accessSync(chosen, fs.constants.X_OK);
      return chosen;
    } catch {
      throw new Error(`CHROMIUM_PATH=${chosen} is not an executable file`);
    }
  }
  for (const name of NAMES) {
    const found = findExecutable(name);
    if (found) return found;
  }
  return null;
}

/** Makes a Chromium available (apt-get's chromium as root on Debian/Ubuntu); returns its path and the line to print. */
export async function ensureBrowser(log: (msg: string) => void): Promise<{ path: string; line: string }> {
  let found = findChromium();
  const missing = found === null;
  if (found === null) {
    await installPackages(
      ['chromium'],
      'Chromium',
      log,
      `no ${NAMES.join(', ')} found: install Chromium (Debian: sudo apt-get install chromium; Ubuntu: the ` +
        'chromium-browser snap or Google Chrome; macOS: set CHROMIUM_PATH to the Chrome binary); the page specs ' +
        'drive it through playwright-core.',
    );
    found = findChromium();
    if (found === null) throw new Error(`chromium installed but none of ${NAMES.join(', ')} found`);
  }
  return { path: found, line: `Browser: ${found}${missing ? ' (installed now)' : ''}` };
}
