import { z } from 'zod';

const text = z.string().nullish().transform((value) => (value === undefined || value === null || value === '' ? null : value));

// Azure Container Registry webhook payload (push, delete, chart_push, chart_delete; quarantine
// and ping take the same envelope), only the fields Cascade reads:
// https://learn.microsoft.com/azure/container-registry/container-registry-webhook-reference
/** One ACR webhook event (one per POST, no envelope), flattened. Unknown fields pass unchecked. */
export const acrEventSchema = z
  .object({
    id: text,
    action: z.string(),
    target: z.object({ mediaType: text, digest: text, repository: text, tag: text }).nullish(),
    // Chart events carry no request.
    request: z.object({ host: text }).nullish(),
  })
  .transform((event) => ({
    id: event.id,
    action: event.action,
    host: event.request?.host ?? null,
    repository: event.target?.repository ?? null,
    tag: event.target?.tag ?? null,
    digest: event.target?.digest ?? null,
    mediaType: event.target?.mediaType ?? null,
  }));

export type AcrEvent = z.output<typeof acrEventSchema>;
