/**
 * Issue 10, how the API serves the dashboard's built files (dist/dashboard, built by `npm test` before Jest): the
 * page and its assets without a login, each with the page's strict CSP and a strong ETag; nothing outside the
 * asset names; /dashboard/ back to /dashboard so the page's relative links resolve. The page itself runs in
 * dashboard.browser.e2e-spec.ts.
 */
import { Harness } from './support/harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${h.baseUrl}${path}`, { headers, redirect: 'manual' });

describe('GET /dashboard and its assets', () => {
  it('serves the page without a login, with a CSP that allows only the site’s own files', async () => {
    const res = await get('/dashboard');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    // No inline script or style the CSP would refuse: the script and the style are files.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    expect(html).toContain('src="dashboard/assets/dashboard.js"');
  });

  it('serves the script, the style and the icon with their types, and 304 for bytes the browser holds', async () => {
    for (const [name, type] of [
      ['dashboard.js', 'text/javascript; charset=utf-8'],
      ['dashboard-style.css', 'text/css; charset=utf-8'],
      ['favicon.svg', 'image/svg+xml'],
    ]) {
      const res = await get(`/dashboard/assets/${name}`);
      expect({ name, status: res.status, type: res.headers.get('content-type') }).toEqual({
        name,
        status: 200,
        type,
      });
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      const again = await get(`/dashboard/assets/${name}`, { 'if-none-match': etag });
      expect({ name, status: again.status }).toEqual({ name, status: 304 });
    }
    // chart.js is in the bundle, not fetched from anywhere.
    const js = await (await get('/dashboard/assets/dashboard.js')).text();
    expect(js).not.toMatch(/https?:\/\/cdn/);
  });

  it('answers 404 for any other name, a path out of the folder included', async () => {
    for (const path of [
      '/dashboard/assets/index.html',
      '/dashboard/assets/missing.js',
      '/dashboard/assets/..%2F..%2Fpackage.json',
      '/dashboard/assets/.env',
      '/dashboard/assets/dashboard.ts',
    ]) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  it('sends /dashboard/ back to /dashboard, keeping the month and unit', async () => {
    const res = await get('/dashboard/?month=2025-06&unit=LDTBXH.VP');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('../dashboard?month=2025-06&unit=LDTBXH.VP');
    expect(new URL(res.headers.get('location')!, `${h.baseUrl}/dashboard/`).pathname).toBe('/dashboard');
  });
});
