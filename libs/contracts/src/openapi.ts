/** OpenAPI 3.0 from the zod schemas: what @nestjs/swagger decorators and the generated document need. */
import { z } from 'zod';

export type OpenApiSchemaObject = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';
const OPTIONS = { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' } as const;

function idOf(schema: z.ZodType): string | undefined {
  const id = z.globalRegistry.get(schema)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** Points every `#/definitions/X` at the document's components; drops `$id`, which OpenAPI 3.0 does not know. */
function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '$id') continue;
    if (key === '$ref' && typeof v === 'string')
      out[key] = v.replace(/^#\/(definitions|\$defs)\//, COMPONENTS);
    else out[key] = rewrite(v);
  }
  return out;
}

/**
 * The schema object of a request body, response or parameter. A registered component (`.meta({ id })`) answers
 * with its `$ref`; anything else inline, its registered parts as `$ref`s (merge openApiComponents() into the document).
 */
export function openApiSchema(schema: z.ZodType): OpenApiSchemaObject {
  const id = idOf(schema);
  if (id) return { $ref: `${COMPONENTS}${id}` };
  const { definitions, $defs, ...json } = z.toJSONSchema(schema, OPTIONS) as Record<string, unknown>;
  const extracted = Object.keys({ ...(definitions as object), ...($defs as object) });
  const foreign = extracted.filter((name) => !z.globalRegistry._idmap.has(name));
  // Only registered components may leave the schema: anything else would be a dangling $ref.
  if (foreign.length > 0)
    throw new Error(`openApiSchema: unregistered shared schema(s) ${foreign.join(', ')}`);
  delete json.$schema;
  return rewrite(json) as OpenApiSchemaObject;
}

/** Every registered component schema, by id: merge into `document.components.schemas`. */
export function openApiComponents(): Record<string, OpenApiSchemaObject> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { ...OPTIONS, uri: (id) => `${COMPONENTS}${id}` });
  const out: Record<string, OpenApiSchemaObject> = {};
  for (const [id, json] of Object.entries(schemas)) out[id] = rewrite(json) as OpenApiSchemaObject;
  return out;
}
