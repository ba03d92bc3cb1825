import { z } from 'zod';

const text = z.string().nullish().transform((value) => (value === undefined || value === null || value === '' ? null : value));

// Docker Hub repository webhook payload, the fields Cascade reads (`callback_url` is legacy and unsupported):
// https://docs.docker.com/docker-hub/repos/manage/webhooks/
/** A Docker Hub push notification, flattened. It names no digest: that is resolved from the registry. */
export const dockerHubPushSchema = z
  .object({
    push_data: z.object({ tag: text, pushed_at: z.union([z.number(), z.string()]).nullish() }).nullish(),
    repository: z.object({ repo_name: z.string().min(1) }),
  })
  .transform((payload) => ({
    repoName: payload.repository.repo_name,
    tag: payload.push_data?.tag ?? null,
    pushedAt: payload.push_data?.pushed_at ?? null,
  }));

export type DockerHubPush = z.output<typeof dockerHubPushSchema>;
