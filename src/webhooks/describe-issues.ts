import type { z } from 'zod';

/**
 * The paths of a schema's complaints, e.g. `target.tag, action`: enough to find the fault,
 * without echoing any value from the payload (STYLE.md habit 5).
 */
export function describeIssues(error: z.ZodError): string {
  const paths = [...new Set(error.issues.map((issue) => (issue.path.length === 0 ? '(body)' : issue.path.map(String).join('.'))))];
  return paths.slice(0, 5).join(', ');
}
