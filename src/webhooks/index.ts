import { acrSource } from './acr/acr-source';
import { distributionSource } from './distribution/distribution-source';
import { dockerHubSource } from './dockerhub/dockerhub-source';
import { eventGridSource } from './eventgrid/eventgrid-source';
import type { WebhookSource, WebhookSourceName } from './webhook-source';

export type { WebhookOutcome, WebhookRequest, WebhookSource, WebhookSourceName } from './webhook-source';
export { formatSetupInstructions } from './setup-instructions';
export type { SetupInstructionsInput } from './setup-instructions';

/** Every webhook source by the name in its route, `/webhooks/<name>`. */
export const WEBHOOK_SOURCES: Readonly<Record<WebhookSourceName, WebhookSource>> = {
  acr: acrSource,
  eventgrid: eventGridSource,
  dockerhub: dockerHubSource,
  distribution: distributionSource,
};
