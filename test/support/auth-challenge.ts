/** A parsed `WWW-Authenticate` header: `Bearer realm="…",service="…",scope="…"`. */
export interface AuthChallenge {
  /** Lower-cased: `basic` or `bearer`. */
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** `undefined` when there is no header. Handles the one-challenge form that distribution sends. */
export function parseAuthChallenge(header: string | null | undefined): AuthChallenge | undefined {
  const match = /^\s*(\w+)\s*(.*)$/.exec(header ?? '');
  if (match?.[1] === undefined) return undefined;
  const params: Record<string, string> = {};
  for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) {
    if (key !== undefined && value !== undefined) params[key] = value;
  }
  return { scheme: match[1].toLowerCase(), params };
}
