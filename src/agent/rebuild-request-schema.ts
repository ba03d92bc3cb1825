import { z } from 'zod';
import { REBUILD_REQUESTED, type RebuildRequest } from '../core/rebuild-message';

// The rebuild message Cascade itself writes (src/core/rebuild-message.ts): CloudEvents 1.0 JSON.
// https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md
const taskSchema = z.object({
  id: z.string().min(1), name: z.string().min(1), images: z.array(z.string().min(1)).min(1), context: z.string().min(1),
  dockerfile: z.string().min(1), buildArgs: z.record(z.string(), z.string()), target: z.string().nullable(), platform: z.string().min(1),
  agentPool: z.string().nullable(), timeoutSeconds: z.number().int().positive(),
});

export const rebuildEventSchema = z.object({
  specversion: z.literal('1.0'),
  type: z.literal(REBUILD_REQUESTED),
  id: z.string().min(1),
  data: z.object({
    runId: z.string().min(1),
    task: taskSchema,
    trigger: z.object({ type: z.string(), imageUpdateTrigger: z.unknown().nullable(), rootEvent: z.string().nullable(), hop: z.number().int().min(0) }),
  }),
}).transform((event) => event.data as RebuildRequest);

/** The request in a message body, or the reason it is not one Cascade can build. */
export function parseRebuildRequest(body: string): { ok: true; request: RebuildRequest } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the message body is not JSON' };
  }
  const parsed = rebuildEventSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `not a ${REBUILD_REQUESTED} CloudEvent: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}` };
  return { ok: true, request: parsed.data };
}
