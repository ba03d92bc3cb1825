import { CascadeError } from '../../errors';
import type { WebhookOutcome } from '../webhook-source';

// A DNS name or "*"; anything else (spaces, control characters) is not echoed into a response header.
const ORIGIN = /^[\x21-\x7e]{1,253}$/;

/**
 * The CloudEvents 1.0 abuse-protection handshake Event Grid runs (HTTP OPTIONS) before
 * delivering CloudEvents: consent is granting `WebHook-Request-Origin` back as
 * `WebHook-Allowed-Origin`, at any rate. The request was authenticated first, so only a sender
 * holding the secret gets consent.
 * https://github.com/cloudevents/spec/blob/v1.0/http-webhook.md#4-abuse-protection
 * https://learn.microsoft.com/azure/event-grid/end-point-validation-cloud-events-schema
 */
export function allowOrigin(origin: string | undefined): WebhookOutcome {
  if (origin === undefined || !ORIGIN.test(origin.trim())) {
    throw new CascadeError('INVALID_REQUEST', 'an OPTIONS request needs a WebHook-Request-Origin header naming the sender');
  }
  return {
    kind: 'handshake',
    status: 200,
    // `Allow` is a SHOULD of the spec: the target accepts POST deliveries.
    headers: { 'WebHook-Allowed-Origin': origin.trim(), 'WebHook-Allowed-Rate': '*', Allow: 'POST' },
    body: null,
  };
}
