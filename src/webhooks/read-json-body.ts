import { CascadeError } from '../errors';
import type { WebhookRequest } from './webhook-source';

// Media type syntax: https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1 ; "+json" suffix: RFC 6839 §3.1.
const JSON_SUFFIX_TYPE = /^application\/[a-z0-9][a-z0-9!#$&^_.+-]*\+json$/;
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);

/**
 * Checks the content type and parses the raw body as JSON. Accepts `application/json`, any
 * `application/*+json` (CloudEvents, the distribution events envelope) and a missing header,
 * with or without a UTF-8 charset; anything else is UNSUPPORTED_MEDIA_TYPE. Bytes that are not
 * UTF-8 JSON are INVALID_REQUEST. Messages never echo the body.
 */
export function readJsonBody(request: WebhookRequest): unknown {
  checkContentType(request.headers['content-type']);
  if (request.rawBody.length === 0) throw new CascadeError('INVALID_REQUEST', 'the request body is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(request.rawBody);
  } catch (cause) {
    throw new CascadeError('INVALID_REQUEST', 'the request body is not valid UTF-8', { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new CascadeError('INVALID_REQUEST', 'the request body is not valid JSON', { cause });
  }
}

function checkContentType(header: string | undefined): void {
  if (header === undefined || header.trim() === '') return;
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json' && !JSON_SUFFIX_TYPE.test(type)) {
    throw new CascadeError('UNSUPPORTED_MEDIA_TYPE', 'the request body must be JSON (application/json or application/*+json)');
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (charset !== undefined && !UTF8_CHARSETS.has(charset)) {
    throw new CascadeError('UNSUPPORTED_MEDIA_TYPE', 'the request body must be UTF-8');
  }
}
