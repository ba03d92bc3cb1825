import type { z } from 'zod';
import { CascadeError } from '../errors';

/** Parses request input; a mismatch is INVALID_REQUEST naming each field and what is wrong. */
export function validateInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new CascadeError('INVALID_REQUEST', `invalid request: ${problems.join('; ')}`);
}
