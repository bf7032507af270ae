import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * The Content-Security-Policy of the Swagger UI page: helmet's defaults with two changes, checked in headless
 * Chromium against the page @nestjs/swagger 12 serves (its scripts are files under /docs, including
 * swagger-ui-init.js, so `script-src 'self'` stands; set `customJsStr` and an inline script would need more):
 * - styles: its inline `<style>` blocks and Swagger UI's style attributes need 'unsafe-inline' (helmet's default
 *   has it too, plus any https: stylesheet, which the page does not use);
 * - no upgrade-insecure-requests: opened over plain HTTP on a non-loopback address, the browser would fetch the
 *   page's own scripts and styles over https and the page stays blank.
 */
export const DOCS_CSP_DIRECTIVES = {
  styleSrc: ["'self'", "'unsafe-inline'"],
  upgradeInsecureRequests: null,
};

/**
 * Helmet's headers on every response: its strict defaults for the API, a CSP that lets Swagger UI run under
 * `docsPath` (the HTML page and its assets; `<docsPath>-json` and `-yaml` are plain documents and keep the
 * defaults). Helmet also drops `X-Powered-By`.
 */
export function securityHeaders(docsPath = '/docs'): Middleware {
  const strict = helmet();
  const docs = helmet({ contentSecurityPolicy: { directives: DOCS_CSP_DIRECTIVES } });
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    const isDocs = path === docsPath || path.startsWith(`${docsPath}/`);
    (isDocs ? docs : strict)(req, res, next);
  };
}
