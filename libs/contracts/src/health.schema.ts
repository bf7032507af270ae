import { z } from 'zod';

export const dependencyCheckSchema = z
  .object({
    status: z.enum(['up', 'down']),
    latencyMs: z.number(),
    error: z.string().optional(),
  })
  .meta({ id: 'DependencyCheck', description: 'One probe of a dependency' });
export type DependencyCheck = z.output<typeof dependencyCheckSchema>;

const status = z.enum(['ok', 'degraded']);

/**
 * `GET /health` (public): up or down only. Readiness needs PostgreSQL and Redis; which one failed, how long the
 * probes took and their error text are for administrators (`GET /api/v1/health`).
 */
export const healthResponseSchema = z
  .object({ status, ready: z.boolean() })
  .meta({ id: 'Health', description: 'Whether the API is ready: PostgreSQL and Redis answer' });
export type HealthResponse = z.output<typeof healthResponseSchema>;

/**
 * `GET /health/live` (public): the process serves HTTP. No dependency is probed, so an orchestrator restarts the
 * process only when it is stuck, never because PostgreSQL or Redis is away (readiness says that).
 */
export const livenessResponseSchema = z
  .object({ status: z.literal('ok'), live: z.literal(true) })
  .meta({ id: 'Liveness', description: 'The API process serves HTTP (no dependency is probed)' });
export type LivenessResponse = z.output<typeof livenessResponseSchema>;

/** `GET /api/v1/health` (admin): every probe with its latency and error; SMTP is reported but does not gate intake. */
export const healthDetailsSchema = z
  .object({
    status,
    ready: z.boolean(),
    checks: z.object({
      postgres: dependencyCheckSchema,
      redis: dependencyCheckSchema,
      smtp: dependencyCheckSchema,
    }),
  })
  .meta({
    id: 'HealthDetails',
    description: 'Liveness and readiness of each dependency, for administrators',
  });
export type HealthDetails = z.output<typeof healthDetailsSchema>;

/**
 * `GET /metrics`: the operators' figures in the Prometheus text exposition format 0.0.4 (queues, projection lag,
 * apply latency, overdue dossiers, mails, HTTP latency by route pattern, the process); counts only, no personal data.
 */
export const prometheusTextSchema = z.string().meta({
  id: 'PrometheusText',
  description: 'Prometheus text exposition format 0.0.4 (text/plain; version=0.0.4; charset=utf-8)',
});
