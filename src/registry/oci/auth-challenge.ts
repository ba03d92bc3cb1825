/** A parsed `WWW-Authenticate` header (RFC 7235), as registries send it. */
export type AuthChallenge =
  | { readonly scheme: 'bearer'; readonly realm: string; readonly service: string | null; readonly scope: string | null }
  | { readonly scheme: 'basic' }
  | { readonly scheme: 'unknown' };

const PARAM = /([a-zA-Z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;

export function parseAuthChallenge(header: string | null): AuthChallenge {
  if (header === null) return { scheme: 'unknown' };
  const match = /^\s*(\S+)\s*(.*)$/s.exec(header);
  const scheme = match?.[1]?.toLowerCase();
  if (scheme === 'basic') return { scheme: 'basic' };
  if (scheme !== 'bearer') return { scheme: 'unknown' };
  const params = new Map<string, string>();
  for (const param of (match?.[2] ?? '').matchAll(PARAM)) {
    params.set(param[1]!.toLowerCase(), param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : param[3]!);
  }
  const realm = params.get('realm');
  if (!realm) return { scheme: 'unknown' };
  return { scheme: 'bearer', realm, service: params.get('service') ?? null, scope: params.get('scope') ?? null };
}
