import { z } from 'zod';
import type { PeerEntityConfig } from './peer-types';

/**
 * The `--entities` file: a JSON array of `PeerEntityConfig`. Strict objects, because a misspelt
 * option (`requireSession`) would otherwise be dropped silently and the peer would differ from
 * what its user declared.
 */
const subscriptionSchema = z.strictObject({
  name: z.string().min(1),
  requiresSession: z.boolean().optional(),
  lockDurationMs: z.number().int().positive().optional(),
  maxDeliveryCount: z.number().int().positive().optional(),
  filter: z.record(z.string(), z.string()).optional(),
});

const entitySchema = z.strictObject({
  name: z.string().min(1),
  type: z.enum(['queue', 'topic']),
  requiresSession: z.boolean().optional(),
  duplicateDetection: z.boolean().optional(),
  duplicateDetectionWindowMs: z.number().int().positive().optional(),
  lockDurationMs: z.number().int().positive().optional(),
  maxDeliveryCount: z.number().int().positive().optional(),
  maxMessageSizeBytes: z.number().int().positive().optional(),
  subscriptions: z.array(subscriptionSchema).optional(),
});

export const entitiesSchema = z.array(entitySchema).min(1);

/** Parses an entities file's text; a readable reason when it is not valid. */
export function parseEntities(text: string): { ok: true; entities: PeerEntityConfig[] } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = entitiesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  const names = parsed.data.map((e) => e.name.toLowerCase());
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) return { ok: false, reason: `entity '${duplicate}' is declared twice` };
  const misplaced = parsed.data.find((e) => e.type === 'queue' && e.subscriptions);
  if (misplaced) return { ok: false, reason: `queue '${misplaced.name}' cannot have subscriptions` };
  return { ok: true, entities: parsed.data };
}
