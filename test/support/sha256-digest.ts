import { createHash } from 'node:crypto';

/** `sha256:<hex>`, the content digest the registry addresses blobs and manifests by. */
export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
