import type { Logger } from '../logger';
import type { Consumer, ReceivedMessage } from '../transport/transport';

/**
 * Renews a message's lock at half its remaining time for as long as the build runs, so a long
 * build does not lose its message to another agent.
 */
export function keepLock(consumer: Pick<Consumer, 'renewLock'>, message: ReceivedMessage, log: Logger): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = (lockedUntil: string) => {
    if (stopped) return;
    const delay = Math.max(1000, (Date.parse(lockedUntil) - Date.now()) / 2);
    timer = setTimeout(() => {
      consumer.renewLock(message.lockToken).then(schedule, (error: unknown) => {
        log.warn({ err: error }, 'lock renewal failed; another agent may take the message');
      });
    }, delay);
    timer.unref();
  };
  schedule(message.lockedUntil);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
