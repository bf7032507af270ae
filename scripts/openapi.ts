// `npm run openapi`: regenerates libs/api-client/src/openapi.generated.ts; `-- --check` only says whether it is
// stale; `-- --document` prints the OpenAPI document itself.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { buildOpenApiDocument, GENERATED_TYPES, generateClientTypes } from './openapi/openapi.generate';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, document: { type: 'boolean', default: false } },
  });
  const doc = await buildOpenApiDocument();
  if (values.document) {
    // process.exit would cut a piped document short (the pipe takes 64 KiB at a time): wait until it is written.
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`, (err) => (err ? reject(err) : resolve())),
    );
    return 0;
  }
  const fresh = await generateClientTypes(doc);
  const current = fs.existsSync(GENERATED_TYPES) ? fs.readFileSync(GENERATED_TYPES, 'utf8') : '';
  if (values.check) {
    if (current === fresh) return 0;
    console.error(`${GENERATED_TYPES} is stale: run npm run openapi`);
    return 1;
  }
  fs.writeFileSync(GENERATED_TYPES, fresh);
  console.log(current === fresh ? 'openapi: types unchanged' : `openapi: wrote ${GENERATED_TYPES}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
