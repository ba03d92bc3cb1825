/** A usable endpoint, or why there is none: expected outcomes, so values rather than throws. */
export type UpdateTriggerEndpoint =
  | { readonly ok: true; readonly url: string; readonly display: string }
  | { readonly ok: false; readonly reason: 'none' | 'invalid URL' | 'not http(s)' | 'credentials in URL' };

/**
 * Checks a task's `updateTriggerEndpoint`. `display` is what logs may show: the query and any
 * user info are left out, since receivers often put a key there.
 */
export function updateTriggerEndpoint(value: string | null): UpdateTriggerEndpoint {
  if (value === null || value === '') return { ok: false, reason: 'none' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'invalid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'not http(s)' };
  // fetch refuses such URLs; saying so once beats six doomed attempts.
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials in URL' };
  return { ok: true, url: url.href, display: `${url.origin}${url.pathname}` };
}
