import { CascadeError } from '../../errors';
import type { RegistrySettings } from '../registry-settings';
import { parseAuthChallenge, type AuthChallenge } from './auth-challenge';
import { createTokenSource } from './token-source';

export interface AuthorizingFetchDeps {
  readonly settings: RegistrySettings;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

/**
 * `fetch` for one registry that answers its auth challenges: anonymous first, then Basic or a
 * bearer token for the request's scope. The challenge is remembered, so later requests carry
 * credentials up front and cost one round trip.
 */
export function createAuthorizingFetch(deps: AuthorizingFetchDeps) {
  const { settings } = deps;
  const basic = settings.username !== undefined
    ? `Basic ${Buffer.from(`${settings.username}:${settings.password ?? ''}`).toString('base64')}`
    : null;
  const tokens = createTokenSource({ fetch: deps.fetch, basicAuthorization: basic, timeoutMs: deps.timeoutMs });
  let challenge: AuthChallenge = { scheme: 'unknown' };

  async function authorization(scope: string, refused: string | null): Promise<string | null> {
    if (challenge.scheme === 'basic') return basic;
    if (challenge.scheme !== 'bearer') return null;
    const refusedToken = refused?.startsWith('Bearer ') ? refused.slice(7) : null;
    return `Bearer ${await tokens.get({ realm: challenge.realm, service: challenge.service, scope }, refusedToken)}`;
  }

  function learn(response: Response): void {
    const next = parseAuthChallenge(response.headers.get('www-authenticate'));
    if (next.scheme === 'bearer') checkRealm(next.realm, settings);
    if (next.scheme === 'basic' && basic === null) {
      throw new CascadeError('REGISTRY_AUTH_FAILED', `${settings.host} asks for a username and password; set them in CASCADE_REGISTRIES`);
    }
    if (next.scheme === 'unknown') {
      throw new CascadeError('REGISTRY_AUTH_FAILED', `${settings.host} refused access and offered no usable authentication challenge`);
    }
    challenge = next;
  }

  /** One request with `scope` (e.g. `repository:library/node:pull`); retried once after a 401. */
  return async function authorizingFetch(url: string, init: { method: string; headers: Record<string, string>; scope: string }): Promise<Response> {
    const send = async (refused: string | null): Promise<{ response: Response; sent: string | null }> => {
      const sent = await authorization(init.scope, refused);
      const headers = sent === null ? init.headers : { ...init.headers, authorization: sent };
      const response = await deps.fetch(url, { method: init.method, headers, signal: AbortSignal.timeout(deps.timeoutMs) });
      return { response, sent };
    };
    const first = await send(null);
    if (first.response.status !== 401) return first.response;
    await first.response.body?.cancel();
    learn(first.response);
    return (await send(first.sent)).response;
  };
}

export type AuthorizingFetch = ReturnType<typeof createAuthorizingFetch>;

/** The realm comes from the registry's answer: refuse to send credentials over plain http to it. */
function checkRealm(realm: string, settings: RegistrySettings): void {
  let url: URL;
  try {
    url = new URL(realm);
  } catch (cause) {
    throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `${settings.host} sent an invalid token realm`, { cause });
  }
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && settings.insecure);
  if (!allowed) throw new CascadeError('REGISTRY_PROTOCOL_ERROR', `${settings.host} sent a token realm over ${url.protocol} for a registry not marked insecure`);
}
