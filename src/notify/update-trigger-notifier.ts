import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffMs } from '../core/backoff';
import type { Task } from '../core/task';
import { CascadeError } from '../errors';
import type { Logger } from '../logger';
import { cascadeSignature } from './cascade-signature';
import { deliverOnce } from './deliver-once';
import { updateTriggerEndpoint } from './update-trigger-endpoint';
import { updateTriggerPayload, type UpdateTriggerPayloadInput } from './update-trigger-payload';

export interface UpdateTriggerNotifierDeps {
  /** Signs every notification; receivers hold the same value. Never logged. */
  readonly secret: string;
  readonly logger: Logger;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => Date;
  /** Attempts in all, the first included. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  /** Caps the backoff and any `Retry-After`. */
  readonly maxDelayMs?: number;
  /** Per attempt. */
  readonly timeoutMs?: number;
}

export interface UpdateTriggerNotifyInput extends UpdateTriggerPayloadInput {
  readonly task: Pick<Task, 'name' | 'baseImageTrigger' | 'updateTriggerEndpoint'>;
}

/** Port: tells a task's `updateTriggerEndpoint` that a base-image update triggered it. */
export interface UpdateTriggerNotifier {
  /** Fire and forget: returns at once and never throws; the outcome is logged. */
  notify(input: UpdateTriggerNotifyInput): void;
  /** Resolves once every delivery in flight, pending retries included, has finished. */
  drain(): Promise<void>;
}

const USER_AGENT = 'Cascade-Update-Trigger/1';

/** Signed, retried POSTs to update-trigger endpoints (docs/update-trigger.md). */
export function createUpdateTriggerNotifier(deps: UpdateTriggerNotifierDeps): UpdateTriggerNotifier {
  if (deps.secret === '') throw new CascadeError('CONFIG_INVALID', 'the update-trigger secret is empty');
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const now = deps.now ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 6;
  // NaN or 0 here would mean retrying forever or never sending: refuse it at start-up instead.
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new CascadeError('CONFIG_INVALID', 'maxAttempts must be a whole number ≥ 1');
  const baseDelayMs = deps.baseDelayMs ?? 1_000;
  const maxDelayMs = deps.maxDelayMs ?? 60_000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const inFlight = new Set<Promise<void>>();

  async function deliver(url: string, body: Buffer, deliveryId: string, log: Logger): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      // A fresh `t` per attempt: a retry after minutes must still fall inside the receiver's tolerance.
      const t = Math.floor(now().getTime() / 1000);
      const headers = {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        'Cascade-Delivery': deliveryId,
        'Cascade-Signature': cascadeSignature(deps.secret, t, body),
      };
      const outcome = await deliverOnce({ fetch: fetchFn, url, body, headers, timeoutMs, now });
      if (outcome.kind === 'delivered') {
        log.info({ attempt, status: outcome.status }, 'update-trigger notification delivered');
        return;
      }
      if (outcome.kind === 'give-up') {
        log.error({ attempt, status: outcome.status, reason: outcome.reason }, 'update-trigger notification refused; not retried');
        return;
      }
      if (attempt >= maxAttempts) {
        log.error({ attempt, status: outcome.status, reason: outcome.reason }, 'update-trigger notification failed; giving up');
        return;
      }
      const retryInMs = Math.min(maxDelayMs, outcome.retryAfterMs ?? backoffMs(attempt, baseDelayMs, maxDelayMs));
      log.warn({ attempt, status: outcome.status, reason: outcome.reason, retryInMs }, 'update-trigger notification failed; will retry');
      await sleep(retryInMs);
    }
  }

  function track(delivery: Promise<void>, log: Logger): void {
    const settled = delivery
      .catch((error: unknown) => log.error({ err: error }, 'update-trigger notification crashed'))
      .finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  }

  return {
    notify(input) {
      try {
        const deliveryId = randomUUID();
        const endpoint = updateTriggerEndpoint(input.task.updateTriggerEndpoint);
        const log = deps.logger.child({ deliveryId, task: input.task.name, runId: input.run.id, ...(endpoint.ok ? { endpoint: endpoint.display } : {}) });
        if (!endpoint.ok) {
          log[endpoint.reason === 'none' ? 'debug' : 'error']({ reason: endpoint.reason }, 'update-trigger notification not sent');
          return;
        }
        const body = Buffer.from(JSON.stringify(updateTriggerPayload(input, now())), 'utf8');
        track(deliver(endpoint.url, body, deliveryId, log), log);
      } catch (error) {
        deps.logger.error({ err: error }, 'update-trigger notification not sent');
      }
    },

    async drain() {
      // A notify() during the drain adds to the set, so wait until it stays empty.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
