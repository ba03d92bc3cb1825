import { z } from 'zod';

// https://github.com/opencontainers/image-spec/blob/main/manifest.md — only the fields used.
const manifestSchema = z.object({
  mediaType: z.string().optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The string annotations and declared media type of a manifest. Permissive: a Docker schema 2
 * manifest has no annotations, and a non-string value is dropped rather than failing the read.
 */
export function manifestAnnotations(manifest: unknown): { mediaType: string | null; annotations: Record<string, string> } {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) return { mediaType: null, annotations: {} };
  const entries = Object.entries(parsed.data.annotations ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return { mediaType: parsed.data.mediaType ?? null, annotations: Object.fromEntries(entries) };
}
