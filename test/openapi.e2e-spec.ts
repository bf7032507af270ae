/**
 * The OpenAPI document at /docs is generated from the contracts' schemas and covers every route the API
 * serves; the client types in libs/api-client are generated from that same document and kept current.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Harness, ROOT } from './support/harness';

/** `npm run openapi -- …` (a child process: openapi-typescript's dependencies are ESM-only, which Jest cannot load). */
async function openapiScript(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/openapi.ts', ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

type Operation = {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

let h: Harness;
let served: Doc;

beforeAll(async () => {
  h = await Harness.start({ worker: false });
  const res = await h.get<Doc>('/docs-json');
  expect(res.status).toBe(200);
  served = res.body;
});

afterAll(async () => {
  await h?.stop();
});

/** Every route Express serves for the app's controllers, as `METHOD /path/{param}` (Swagger UI's own left out). */
function servedRoutes(): string[] {
  const express = h.api.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  return express.router.stack
    .flatMap((layer) => (layer.route ? [layer.route] : []))
    .filter((r) => !r.path.startsWith('/docs'))
    .flatMap((r) =>
      Object.keys(r.methods).map((m) => `${m.toUpperCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`),
    )
    .sort();
}

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  return out;
}

describe('the OpenAPI document', () => {
  it('documents every route the API serves, and nothing else', () => {
    const documented = Object.entries(served.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(servedRoutes().length).toBeGreaterThanOrEqual(13);
    expect(documented).toEqual(servedRoutes());
  });

  it('gives every operation a schema for its success answer, its errors and its request body', () => {
    for (const [path, ops] of Object.entries(served.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        const answers = Object.entries(op.responses ?? {});
        // A JSON schema, or for the routes that serve a document (the letters' HTML, the forms' PDF, the ledger's
        // XLSX) a schema for each media type; errors are always the JSON envelope.
        const schemaOf = (status: string, r: { content?: Record<string, { schema?: unknown }> }) =>
          r.content?.['application/json']?.schema ??
          (status.startsWith('2') && r.content && Object.values(r.content).every((c) => c.schema)
            ? Object.values(r.content)[0]?.schema
            : undefined);
        expect({
          where,
          ok: answers.some(([s, r]) => s.startsWith('2') && schemaOf(s, r)),
        }).toEqual({ where, ok: true });
        for (const [status, r] of answers)
          expect({ where, status, schema: Boolean(schemaOf(status, r)) }).toEqual({
            where,
            status,
            schema: true,
          });
        if (method === 'post' || method === 'put')
          expect({ where, body: Boolean(op.requestBody?.content?.['application/json']?.schema) }).toEqual({
            where,
            body: true,
          });
      }
    }
  });

  it('resolves every $ref to a schema of libs/contracts', () => {
    const missing = refsOf(served)
      .map((ref) => ref.replace('#/components/schemas/', ''))
      .filter((name) => !(name in served.components.schemas));
    expect(missing).toEqual([]);
  });

  it('is the document the generator builds without a database, and the committed client types are current', async () => {
    const built = await openapiScript('--document');
    expect(built.code).toBe(0);
    expect(JSON.parse(built.stdout)).toEqual(served);
    // On failure: `npm run openapi` regenerates libs/api-client/src/openapi.generated.ts.
    const check = await openapiScript('--check');
    expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
