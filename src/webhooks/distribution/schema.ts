import { z } from 'zod';
import { registryEventSchema, type RegistryEvent } from '../registry-event-schema';

// CNCF distribution notifications: an envelope of events, each with an action and a target.
// https://distribution.github.io/distribution/about/notifications/
// Field names as serialised: https://github.com/distribution/distribution/blob/main/notifications/event.go
/** The envelope; its events are read one by one, so one bad entry cannot sink the others. */
export const distributionEnvelopeSchema = z.object({ events: z.array(z.unknown()) });

/** One event of the envelope (the shape ACR's webhooks share). */
export const distributionEventSchema = registryEventSchema;

export type DistributionEvent = RegistryEvent;
