import { z } from 'zod';
import { parseImageRef, formatImageRef } from '../image-ref';
import { parsePlatform } from '../registry/platform';

// ACR task names: alphanumerics, hyphens and underscores, 5–50 characters; we allow 1–50.
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/, 'use 1–50 letters, digits, "-" or "_", starting with a letter or digit');
const imageRef = z.string().transform((text, ctx) => {
  const parsed = parseImageRef(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a valid image reference: ${parsed.reason}` });
    return z.NEVER;
  }
  if (parsed.ref.tag === null) {
    ctx.addIssue({ code: 'custom', message: `"${text}" needs a tag: a task pushes tags` });
    return z.NEVER;
  }
  return formatImageRef({ ...parsed.ref, digest: null });
});
/** One platform, or several comma-separated (a multi-platform image: an index with a child each). */
const platform = z.string()
  .refine((text) => text.split(',').every((one) => parsePlatform(one.trim()) !== null), 'expected OS/ARCH[/VARIANT], or several comma-separated, e.g. linux/amd64,linux/arm64')
  .transform((text) => [...new Set(text.split(',').map((one) => one.trim()))].join(','));
const endpoint = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const buildArgs = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'invalid build arg name'), z.string());

/** `POST /api/tasks`: what `cascade task create` sends. Defaults follow `az acr task create`. */
export const createTaskSchema = z.object({
  name,
  images: z.array(imageRef).min(1, 'give at least one image (-t)').max(32),
  context: z.string().min(1),
  dockerfile: z.string().min(1).default('Dockerfile'),
  buildArgs: buildArgs.default({}),
  target: z.string().min(1).nullable().default(null),
  platform: platform.default('linux/amd64'),
  agentPool: z.string().min(1).max(128).nullable().default(null),
  baseImageTrigger: z.object({
    enabled: z.boolean().default(true),
    type: z.enum(['Runtime', 'All']).default('Runtime'),
    name: z.string().min(1).max(100).default('defaultBaseimageTriggerName'),
  }).strict().default({ enabled: true, type: 'Runtime', name: 'defaultBaseimageTriggerName' }),
  updateTriggerEndpoint: endpoint.nullable().default(null),
  updateTriggerPayloadType: z.enum(['Default', 'Token']).default('Default'),
  timeoutSeconds: z.number().int().min(60).max(86_400).default(3600),
}).strict();

/** `PATCH /api/tasks/:name`: any subset; the name cannot change. */
export const updateTaskSchema = z.object({
  images: z.array(imageRef).min(1).max(32),
  context: z.string().min(1),
  dockerfile: z.string().min(1),
  buildArgs,
  target: z.string().min(1).nullable(),
  platform,
  agentPool: z.string().min(1).max(128).nullable(),
  baseImageTrigger: z.object({ enabled: z.boolean(), type: z.enum(['Runtime', 'All']), name: z.string().min(1).max(100) }).partial().strict(),
  updateTriggerEndpoint: endpoint.nullable(),
  updateTriggerPayloadType: z.enum(['Default', 'Token']),
  timeoutSeconds: z.number().int().min(60).max(86_400),
}).partial().strict();

export type CreateTaskInput = z.infer<typeof createTaskSchema>;
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;
