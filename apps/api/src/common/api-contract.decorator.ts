import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { errorResponseSchema, openApiSchema } from '@motcua/contracts';

const ERRORS: Record<number, string> = {
  400: 'invalid, with error.details[].field and .problem',
  401: 'no token, or a bad or expired one',
  403: 'outside the caller’s role or units',
  404: 'not found (or outside the caller’s units)',
  409: 'conflict',
  422: 'valid shape, but impossible now',
  429: 'too many attempts; see Retry-After',
  503: 'a dependency is down; nothing was stored, retry',
};

export interface RouteContract {
  summary: string;
  /** The request body's schema. */
  body?: z.ZodType;
  /** The query string's object schema: one parameter per key. */
  query?: z.ZodObject;
  /** Path parameters and what they name. */
  params?: Record<string, string>;
  /** Success answers by status: the body's schema, what it means, and its media type (JSON unless said). */
  ok: Record<
    number,
    {
      schema: z.ZodType;
      description: string;
      contentType?: string;
      /** A second media type of the same answer, chosen by the Accept header (the public lookup's page). */
      also?: { contentType: string; schema: z.ZodType };
    }
  >;
  /** Error statuses this route answers (always in the contract's error envelope). */
  errors: number[];
}

/** Documents a route in OpenAPI from the contracts' schemas, so the document at /docs cannot drift from them. */
export function ApiContract(c: RouteContract): MethodDecorator {
  const decorators = [ApiOperation({ summary: c.summary })];
  if (c.body) decorators.push(ApiBody({ schema: openApiSchema(c.body) }));
  for (const [name, schema] of Object.entries(c.query?.shape ?? {})) {
    const field = schema as z.ZodType;
    decorators.push(
      ApiQuery({
        name,
        required: !field.safeParse(undefined).success,
        schema: openApiSchema(field),
        description: field.description,
      }),
    );
  }
  for (const [name, description] of Object.entries(c.params ?? {}))
    decorators.push(ApiParam({ name, description, schema: { type: 'string' } }));
  for (const [status, r] of Object.entries(c.ok))
    decorators.push(
      r.contentType || r.also
        ? ApiResponse({
            status: Number(status),
            description: r.description,
            content: {
              [r.contentType ?? 'application/json']: { schema: openApiSchema(r.schema) },
              ...(r.also ? { [r.also.contentType]: { schema: openApiSchema(r.also.schema) } } : {}),
            },
          })
        : ApiResponse({
            status: Number(status),
            description: r.description,
            schema: openApiSchema(r.schema),
          }),
    );
  for (const status of c.errors)
    decorators.push(
      ApiResponse({
        status,
        description: ERRORS[status] ?? 'error',
        schema: openApiSchema(errorResponseSchema),
      }),
    );
  return applyDecorators(...decorators);
}
