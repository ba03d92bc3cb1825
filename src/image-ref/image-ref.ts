/**
 * A canonical image reference (DESIGN.md §2): `registry/repository:tag[@digest]`.
 * `tag` is null only for a digest-only pin; `digest` is null unless the text carried one.
 */
export interface ImageRef {
  /** Lower-case host with optional port; `docker.io` for every Docker Hub alias. */
  readonly registry: string;
  /** Path inside the registry; `library/<name>` for one-segment Docker Hub names. */
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

/** The outcome of parsing text: a reference, or the reason it is not one. */
export type ImageRefResult =
  | { readonly ok: true; readonly ref: ImageRef }
  | { readonly ok: false; readonly reason: string };

/** `registry/repository:tag`, with `@digest` appended when the reference carries one. */
export function formatImageRef(ref: ImageRef): string {
  const tag = ref.tag === null ? '' : `:${ref.tag}`;
  const digest = ref.digest === null ? '' : `@${ref.digest}`;
  return `${ref.registry}/${ref.repository}${tag}${digest}`;
}

/** A pin names content by digest, so a push can never change what it points at. */
export function isPinned(ref: ImageRef): boolean {
  return ref.digest !== null;
}
