import { z } from 'zod';
import * as contracts from './index';
import { dossierSchema } from './dossier.schema';
import { calendarDaysQuerySchema } from './calendar.schema';
import { dossierEventSchema, eventBatchRequestSchema, errorResponseSchema } from './event.schema';
import { openApiComponents, openApiSchema, type OpenApiSchemaObject } from './openapi';
import { settingsSchema } from './settings.schema';

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('OpenAPI', () => {
  const components = openApiComponents();
  const resolves = (schema: OpenApiSchemaObject) => {
    for (const ref of refsIn(schema)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(components[ref.slice('#/components/schemas/'.length)]).toBeDefined();
    }
  };

  it.each([
    ['DossierEvent', dossierEventSchema],
    ['Dossier', dossierSchema],
    ['Settings', settingsSchema],
    ['EventBatchRequest', eventBatchRequestSchema],
    ['ErrorResponse', errorResponseSchema],
  ])('%s is a component whose $refs resolve', (id, schema) => {
    expect(openApiSchema(schema)).toEqual({ $ref: `#/components/schemas/${id}` });
    expect(components[id]).toBeDefined();
    resolves(components[id]);
  });

  it('describes the event envelope per type, strictly', () => {
    const event = components.DossierEvent as { oneOf: Array<Record<string, any>> };
    expect(event.oneOf).toHaveLength(contracts.DOSSIER_EVENT_TYPES.length);
    const received = event.oneOf.find((o) => o.properties.type.enum[0] === 'received')!;
    expect(received.additionalProperties).toBe(false);
    // A reception may leave its dossier code out (the server issues one); every other type names it.
    expect(received.required).toEqual(['id', 'occurredAt', 'type']);
    const paid = event.oneOf.find((o) => o.properties.type.enum[0] === 'paid')!;
    expect(paid.required).toEqual(['id', 'dossierCode', 'occurredAt', 'type']);
    expect(received.properties.occurredAt).toEqual({ $ref: '#/components/schemas/Instant' });
    expect(components.Instant).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('inlines a schema without an id, its parts as $refs, without $id or $schema anywhere', () => {
    const query = openApiSchema(calendarDaysQuerySchema);
    expect(query).toMatchObject({ type: 'object', required: ['from', 'to'] });
    resolves(query);
    expect(JSON.stringify(components)).not.toMatch(/"\$id"|"\$schema"/);
    expect(openApiSchema(z.array(dossierSchema))).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Dossier' },
    });
  });

  it('documents the settings defaults', () => {
    const sla = components.SlaSettings as { properties: Record<string, { default?: unknown }> };
    expect(sla.properties.outcomeGranularity.default).toBe('date');
  });

  it('converts every exported schema and factory result', () => {
    const schemas = Object.entries(contracts).filter(([, v]) => v instanceof z.ZodType) as Array<
      [string, z.ZodType]
    >;
    expect(schemas.length).toBeGreaterThan(50);
    for (const [, schema] of schemas) resolves(openApiSchema(schema));
    resolves(openApiSchema(contracts.procedureDefinitionSchemaFor(['A'])));
    resolves(openApiSchema(contracts.dossierListQuerySchema));
    resolves(openApiSchema(contracts.environmentSchema));
    for (const component of Object.values(components)) resolves(component);
  });
});
