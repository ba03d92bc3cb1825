import { DOCKER_HUB, formatImageRef, isDockerHubAlias, parseImageRef } from '../image-ref';

export type CanonicalPushRef =
  | { readonly ok: true; readonly ref: string; readonly digest: string | null }
  | { readonly ok: false; readonly reason: string };

export interface PushRefParts {
  readonly host: string;
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

/**
 * The canonical `registry/repository:tag` (DESIGN.md §2) of an event's separate fields. The
 * fields are joined and parsed, then each must come back unchanged, so no field can smuggle a
 * separator into another (a tag holding `@sha256:…`, a host holding a path) and a host the
 * canonical form cannot express (no dot, no port, not localhost) is refused, not read as a Hub
 * namespace.
 */
export function canonicalPushRef(parts: PushRefParts): CanonicalPushRef {
  const text = `${parts.host}/${parts.repository}${parts.tag === null ? '' : `:${parts.tag}`}${parts.digest === null ? '' : `@${parts.digest}`}`;
  const parsed = parseImageRef(text);
  if (!parsed.ok) return { ok: false, reason: `invalid reference: ${parsed.reason}` };

  const { registry, repository, tag, digest } = parsed.ref;
  const host = parts.host.toLowerCase();
  if (registry !== (isDockerHubAlias(host) ? DOCKER_HUB : host)) {
    return { ok: false, reason: `invalid reference: "${parts.host}" is not a registry host (it needs a "." or a ":" or to be localhost)` };
  }
  const sameRepository = repository === parts.repository || (registry === DOCKER_HUB && repository === `library/${parts.repository}`);
  const sameTag = parts.tag === null || tag === parts.tag;
  if (!sameRepository || !sameTag || digest !== parts.digest) {
    return { ok: false, reason: 'invalid reference: the repository, tag or digest is not well formed' };
  }
  return { ok: true, ref: formatImageRef({ ...parsed.ref, digest: null }), digest };
}
