import { z } from 'zod';

const text = z.string().nullish().transform((value) => (value === undefined || value === null || value === '' ? null : value));

// One registry event as CNCF distribution serialises it; ACR's webhooks send the same shape (ACR
// is built on distribution), one event per POST. Only the fields Cascade reads.
// https://github.com/distribution/distribution/blob/main/notifications/event.go
// https://learn.microsoft.com/azure/container-registry/container-registry-webhook-reference
/** One registry event, flattened. Unknown fields pass unchecked; chart events carry no request. */
export const registryEventSchema = z
  .object({
    id: text,
    action: z.string(),
    target: z.object({ mediaType: text, digest: text, repository: text, tag: text }).nullish(),
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

export type RegistryEvent = z.output<typeof registryEventSchema>;
