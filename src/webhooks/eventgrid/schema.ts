import { z } from 'zod';

const text = z.string().nullish().transform((value) => (value === undefined || value === null || value === '' ? null : value));

// Event Grid delivers in its own schema or as CloudEvents 1.0, as the subscription chose:
// https://learn.microsoft.com/azure/event-grid/event-schema
// https://learn.microsoft.com/azure/event-grid/cloud-event-schema
const eventGridEvent = z.object({ id: z.string().min(1), eventType: z.string(), data: z.unknown() });
const cloudEvent = z.object({ specversion: z.string(), id: z.string().min(1), type: z.string(), data: z.unknown() });

/** One delivered event in either schema, reduced to its id, type and data. */
export const deliveredEventSchema = z.union([cloudEvent, eventGridEvent]).transform((event) => ({
  id: event.id,
  type: 'specversion' in event ? event.type : event.eventType,
  data: event.data,
}));

// `data` of Microsoft.ContainerRegistry.* events, the fields Cascade reads (chart events carry no request):
// https://learn.microsoft.com/azure/event-grid/event-schema-container-registry
/** The registry event inside an Event Grid event, flattened. */
export const containerRegistryDataSchema = z
  .object({
    action: text,
    target: z.object({ mediaType: text, digest: text, repository: text, tag: text }).nullish(),
    request: z.object({ host: text }).nullish(),
  })
  .transform((data) => ({
    host: data.request?.host ?? null,
    repository: data.target?.repository ?? null,
    tag: data.target?.tag ?? null,
    digest: data.target?.digest ?? null,
    mediaType: data.target?.mediaType ?? null,
  }));

// Microsoft.EventGrid.SubscriptionValidationEvent:
// https://learn.microsoft.com/azure/event-grid/end-point-validation-event-grid-events-schema
/** The code to echo back as `{validationResponse}` to prove the endpoint wants these events. */
export const subscriptionValidationDataSchema = z.object({ validationCode: z.string().min(1) }).transform((data) => data.validationCode);

export type DeliveredEvent = z.output<typeof deliveredEventSchema>;
