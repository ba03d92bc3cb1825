import { z } from 'zod';

const text = z.string().nullish().transform((value) => (value === undefined || value === null || value === '' ? null : value));

// CNCF distribution notifications: an envelope of events, each with an action and a target.
// https://distribution.github.io/distribution/about/notifications/
// Field names as serialised: https://github.com/distribution/distribution/blob/main/notifications/event.go
/** The envelope; its events are read one by one, so one bad entry cannot sink the others. */
export const distributionEnvelopeSchema = z.object({ events: z.array(z.unknown()) });

/** One registry event, flattened. Blob, pull and mount events share the shape. */
export const distributionEventSchema = z
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

export type DistributionEvent = z.output<typeof distributionEventSchema>;
