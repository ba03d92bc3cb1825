import { parseAuthChallenge, type AuthChallenge } from './auth-challenge';
import { httpsFetch } from './https-fetch';
import { trustedCa } from './trusted-ca';

/** Credentials for a registry: Basic (also used at a token realm) or a ready bearer token. */
export type RegistryAuth =
  | { readonly username: string; readonly password: string }
  | { readonly bearer: string };

/** `fetch` against one registry; `target` is a path (`/v2/…`) or a URL, relative ones resolve against it. */
export type RegistryFetch = (target: string, init?: RequestInit) => Promise<Response>;

/**
 * Answers a 401 the way docker does: Basic challenge → resend with the credentials; Bearer challenge →
 * get a token from the realm for the challenge's service and scope (with Basic credentials, or
 * anonymously) and resend. The header is kept for later calls; a new 401 (e.g. a push after a
 * pull-scoped token) runs the flow again. Bodies must be Buffers or strings so they can be resent.
 * HTTPS registries started by startRegistry are reached through node:https with their CA (trusted-ca.ts).
 * https://distribution.github.io/distribution/spec/auth/token/
 */
export function createRegistryFetch(baseUrl: string, auth?: RegistryAuth): RegistryFetch {
  let authorization = auth !== undefined && 'bearer' in auth ? `Bearer ${auth.bearer}` : undefined;
  const credentials = auth !== undefined && 'username' in auth ? auth : undefined;

  return async (target, init = {}) => {
    const url = new URL(target, baseUrl);
    const send = (): Promise<Response> => {
      const headers = new Headers(init.headers);
      if (authorization !== undefined) headers.set('Authorization', authorization);
      const ca = trustedCa.for(url);
      return ca === undefined ? fetch(url, { ...init, headers }) : httpsFetch(url, { ...init, headers }, ca);
    };
    const response = await send();
    if (response.status !== 401 || (auth !== undefined && 'bearer' in auth)) return response;
    const challenge = parseAuthChallenge(response.headers.get('www-authenticate'));
    if (challenge?.scheme === 'basic' && credentials !== undefined) {
      authorization = basic(credentials);
    } else if (challenge?.scheme === 'bearer') {
      authorization = `Bearer ${await fetchToken(challenge, credentials)}`;
    } else {
      return response;
    }
    await response.body?.cancel();
    return send();
  };
}

async function fetchToken(challenge: AuthChallenge, credentials?: { username: string; password: string }): Promise<string> {
  const { realm, service, scope } = challenge.params;
  if (realm === undefined) throw new Error('Bearer challenge without a realm');
  const url = new URL(realm);
  if (service !== undefined) url.searchParams.set('service', service);
  if (scope !== undefined) url.searchParams.set('scope', scope);
  const response = await fetch(url, { headers: credentials === undefined ? {} : { Authorization: basic(credentials) } });
  if (!response.ok) throw new Error(`token request to ${url.href} failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (token === undefined) throw new Error(`token response from ${url.href} has no token`);
  return token;
}

function basic({ username, password }: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
