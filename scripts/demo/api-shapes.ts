// The parts of the API's answers the demo reads, checked at the door (bodies arrive as `unknown`). Only the
// fields used are listed; the OpenAPI-typed client that replaces api-client.ts can replace these too.
import { z } from 'zod';

const errorDetail = z.object({ code: z.string(), message: z.string() });

/** GET /health */
export const healthBody = z.object({
  checks: z.record(z.string(), z.object({ status: z.string() })).optional(),
});

/** GET /api/v1/calendar/days */
export const calendarDays = z.array(z.object({ date: z.string(), working: z.boolean() }));

/** POST /api/v1/events/batch: one result per event, in order. */
export const batchAnswer = z.object({
  results: z.array(z.object({ status: z.string(), error: errorDetail.nullish() })),
});
export type BatchError = z.infer<typeof errorDetail>;

const sla = z.object({ state: z.string(), outcome: z.string().nullish() });

/** An item of GET /api/v1/dossiers */
export const dossierItem = z.object({
  code: z.string(),
  status: z.string(),
  dueAt: z.string().nullish(),
  sla,
});
export type DossierItem = z.infer<typeof dossierItem>;

/** GET /api/v1/dossiers/:code */
export const dossierView = z.object({
  code: z.string(),
  status: z.string(),
  dueAt: z.string().nullish(),
  finishedAt: z.string().nullish(),
  procedure: z.object({ code: z.string() }).nullish(),
  sla,
  apology: z
    .object({ status: z.string(), issuedAt: z.string().nullish(), newDueAt: z.string().nullish() })
    .nullish(),
});
export type DossierView = z.infer<typeof dossierView>;
