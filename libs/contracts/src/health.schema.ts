import { z } from 'zod';

export const dependencyCheckSchema = z
  .object({
    status: z.enum(['up', 'down']),
    latencyMs: z.number(),
    error: z.string().optional(),
  })
  .meta({ id: 'DependencyCheck', description: 'One probe of a dependency' });
export type DependencyCheck = z.output<typeof dependencyCheckSchema>;

/** `GET /health`: readiness needs PostgreSQL and Redis; SMTP is reported but does not gate intake. */
export const healthResponseSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    ready: z.boolean(),
    checks: z.object({
      postgres: dependencyCheckSchema,
      redis: dependencyCheckSchema,
      smtp: dependencyCheckSchema,
    }),
  })
  .meta({ id: 'Health', description: 'Liveness and readiness of the dependencies' });
export type HealthResponse = z.output<typeof healthResponseSchema>;
