import type { IgnoredEvent, ImagePushed } from '../core/image-pushed';

export type WebhookSourceName = 'acr' | 'eventgrid' | 'dockerhub' | 'distribution';

/** One HTTP request as the HTTP adapter received it: the core never sees the framework's types. */
export interface WebhookRequest {
  /** 'POST' | 'OPTIONS' | … */
  readonly method: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Exactly the bytes received (may be empty): authentication runs over these, before any parsing. */
  readonly rawBody: Buffer;
  /** ISO time. */
  readonly receivedAt: string;
}

/**
 * What a request amounts to: events (acted on or ignored, each with a reason), or a handshake
 * the sender expects answered as given (Event Grid's subscription validation, CloudEvents' OPTIONS).
 */
export type WebhookOutcome =
  | { readonly kind: 'events'; readonly events: ImagePushed[]; readonly ignored: IgnoredEvent[] }
  | { readonly kind: 'handshake'; readonly status: number; readonly headers: Record<string, string>; readonly body: unknown };

/** One registry's webhook format: how its requests are authenticated and normalised (DESIGN.md §3). */
export interface WebhookSource {
  readonly name: WebhookSourceName;
  /** Constant-time check of the request against the configured secret, BEFORE any parsing. */
  authenticate(request: WebhookRequest, secret: string): boolean;
  /**
   * Content type check, JSON parse, schema, normalisation. Throws CascadeError INVALID_REQUEST /
   * UNSUPPORTED_MEDIA_TYPE for bad input; never any other exception, whatever the bytes.
   */
  parse(request: WebhookRequest): WebhookOutcome;
}
