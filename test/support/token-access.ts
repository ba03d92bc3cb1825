/** One entry of a registry token's `access` claim. */
export interface TokenAccess {
  readonly type: string;
  readonly name: string;
  readonly actions: string[];
}

/**
 * What a token grants for the requested scopes (`repository:<name>:pull,push`, several per `scope` param
 * allowed, space-separated). A known user gets every action asked for; anonymous callers get `pull` on
 * public repositories and nothing else, which the registry answers with 401 insufficient_scope.
 * https://distribution.github.io/distribution/spec/auth/scope/
 */
export function grantAccess(scopes: string[], user: string | undefined, publicRepos: readonly string[]): TokenAccess[] {
  const granted: TokenAccess[] = [];
  for (const scope of scopes.flatMap((value) => value.split(' ')).filter(Boolean)) {
    const parts = scope.split(':');
    const type = parts[0] ?? '';
    // Names never hold ':' today, but a host:port prefix would; take the last field as the actions.
    const name = parts.slice(1, -1).join(':');
    const requested = (parts.at(-1) ?? '').split(',').filter(Boolean);
    const actions = user !== undefined
      ? requested
      : requested.filter((action) => action === 'pull' && type === 'repository' && publicRepos.includes(name));
    if (parts.length >= 3 && actions.length > 0) granted.push({ type, name, actions });
  }
  return granted;
}
