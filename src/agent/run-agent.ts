import type { Logger } from '../logger';
import type { Consumer } from '../transport/transport';
import type { Settlement } from './handle-rebuild';
import type { ReceivedMessage } from '../transport/transport';

export interface AgentLoopOptions {
  readonly consumer: Consumer;
  readonly handle: (message: ReceivedMessage) => Promise<Settlement>;
  readonly logger: Logger;
  readonly pool: string | null;
  readonly concurrency: number;
  /** How long one receive waits for a message (long poll). */
  readonly waitMs?: number;
}

/**
 * `cascade agent`: `concurrency` workers, each receiving one message at a time and handling it
 * to settlement. Stops taking new work on `stop()` and resolves when the builds in hand are done.
 */
export function runAgentLoop(options: AgentLoopOptions): { stop(): Promise<void>; done: Promise<void> } {
  let running = true;
  const worker = async (index: number) => {
    while (running) {
      let messages: ReceivedMessage[];
      try {
        messages = await options.consumer.receive({ pool: options.pool, max: 1, waitMs: options.waitMs ?? 20_000 });
      } catch (error) {
        options.logger.warn({ err: error, worker: index }, 'receive failed; retrying in 2 s');
        await new Promise((resolve) => setTimeout(resolve, 2000));
        continue;
      }
      for (const message of messages) await options.handle(message);
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, (_, i) => worker(i))).then(() => undefined);
  return {
    done,
    async stop() {
      running = false;
      await done;
    },
  };
}
