import type { WebhookRequest } from './webhook-source';

// The auth scheme is case-insensitive: https://www.rfc-editor.org/rfc/rfc9110#section-11.1
const BEARER = /^bearer[ \t]+(\S.*)$/i;

/**
 * The token of `Authorization: Bearer <token>`, as a registry sends a static header configured
 * on its webhook (ACR `--headers`, distribution `notifications.endpoints[].headers`); undefined
 * when the header is missing or uses another scheme.
 */
export function bearerSecret(headers: WebhookRequest['headers']): string | undefined {
  const value = headers.authorization;
  if (value === undefined) return undefined;
  return BEARER.exec(value.trim())?.[1];
}
