import type { OutboxMessage } from '../store/store';
import type { Run } from './run';
import type { Task } from './task';

/** The CloudEvents type of a rebuild request; versioned so agents can refuse what they don't know. */
export const REBUILD_REQUESTED = 'dev.cascade.rebuild.requested.v1';

/** What an agent needs to build: the task's recipe and why this run happened. */
export interface RebuildRequest {
  readonly runId: string;
  readonly task: Pick<Task, 'id' | 'name' | 'images' | 'context' | 'dockerfile' | 'buildArgs' | 'target' | 'platform' | 'agentPool' | 'timeoutSeconds'>;
  readonly trigger: {
    readonly type: Run['trigger'];
    readonly imageUpdateTrigger: Run['imageUpdateTrigger'];
    readonly rootEvent: string | null;
    readonly hop: number;
  };
}

/**
 * The message body (DESIGN.md §5): a CloudEvents 1.0 JSON document, the same on every transport.
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md
 */
export function buildRebuildMessage(task: Task, run: Run): OutboxMessage {
  const data: RebuildRequest = {
    runId: run.id,
    task: {
      id: task.id, name: task.name, images: task.images, context: task.context, dockerfile: task.dockerfile,
      buildArgs: task.buildArgs, target: task.target, platform: task.platform, agentPool: task.agentPool,
      timeoutSeconds: task.timeoutSeconds,
    },
    trigger: { type: run.trigger, imageUpdateTrigger: run.imageUpdateTrigger, rootEvent: run.rootEvent, hop: run.hop },
  };
  const event = {
    specversion: '1.0',
    type: REBUILD_REQUESTED,
    source: '/cascade',
    id: run.requestKey,
    time: run.createdAt,
    subject: task.name,
    datacontenttype: 'application/json',
    data,
  };
  const properties: Record<string, string> = { task: task.name, platform: task.platform, trigger: run.trigger };
  if (task.agentPool !== null) properties.agentPool = task.agentPool;
  return { messageId: run.requestKey, sessionId: task.id, subject: REBUILD_REQUESTED, body: JSON.stringify(event), properties };
}
