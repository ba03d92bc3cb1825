import { parseImageRef, type ImageRef } from '../image-ref';
import type { Expansion } from './expand-reference';
import type { SkipReason } from './types';

/** A reference that can trigger rebuilds, or why it cannot. */
export type Classification =
  | { readonly ok: true; readonly ref: ImageRef & { readonly tag: string } }
  | { readonly ok: false; readonly reason: SkipReason; readonly text: string; readonly detail: string };

/**
 * Sorts an expanded reference into a trackable tag or a skip reason (DESIGN.md §1: a digest pin
 * never triggers, `scratch` is no dependency). The image-ref module is the only reference parser.
 */
export function classifyImage(expansion: Expansion): Classification {
  if (!expansion.ok) return expansion;
  const text = expansion.text;
  if (text.toLowerCase() === 'scratch') {
    return { ok: false, reason: 'scratch', text, detail: 'scratch is the empty image, not an image that can change.' };
  }
  const parsed = parseImageRef(text);
  if (!parsed.ok) return { ok: false, reason: 'invalid', text, detail: parsed.reason };
  const { ref } = parsed;
  if (ref.digest !== null || ref.tag === null) {
    return { ok: false, reason: 'pinned', text, detail: `Pinned to ${ref.digest ?? 'a digest'}: a pushed tag never changes it.` };
  }
  return { ok: true, ref: { ...ref, tag: ref.tag } };
}
