import { registryEventSchema, type RegistryEvent } from '../registry-event-schema';

// Azure Container Registry webhook payload (push, delete, chart_push, chart_delete; quarantine and
// ping take the same envelope): distribution's event shape, one per POST, no envelope.
// https://learn.microsoft.com/azure/container-registry/container-registry-webhook-reference
export const acrEventSchema = registryEventSchema;

export type AcrEvent = RegistryEvent;
