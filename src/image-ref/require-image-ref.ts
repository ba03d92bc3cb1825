import { CascadeError } from '../errors';
import type { ImageRef } from './image-ref';
import { parseImageRef } from './parse-image-ref';

/** For edges where an invalid reference is the caller's fault: a 400 with the reason. */
export function requireImageRef(text: string): ImageRef {
  const result = parseImageRef(text);
  if (!result.ok) throw new CascadeError('INVALID_IMAGE_REF', `"${text}" is not a valid image reference: ${result.reason}`);
  return result.ref;
}
