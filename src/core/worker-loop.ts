import type { Logger } from '../logger';

export interface WorkerLoop {
  start(): void;
  /** Run again now instead of waiting out the idle period (new work arrived). */
  wake(): void;
  /** Stops after the current pass; resolves when it has. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` again while it reports work done (after letting pending I/O run), else sleeps
 * `idleMs` or until woken.
 * A failing pass is logged and retried after the idle period: the loop itself never dies.
 */
export function createWorkerLoop(name: string, pass: () => Promise<number>, options: { idleMs: number; logger: Logger }): WorkerLoop {
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  let finished: Promise<void> = Promise.resolve();

  const sleep = () => new Promise<void>((resolve) => {
    if (woken) return resolve();
    wakeUp = resolve;
    timer = setTimeout(resolve, options.idleMs);
  });

  async function loop(): Promise<void> {
    while (running) {
      woken = false;
      let done = 0;
      try {
        done = await pass();
      } catch (error) {
        options.logger.error({ err: error, worker: name }, 'worker pass failed');
      }
      if (done === 0 && running) await sleep();
      // Adapters may finish synchronously (SQLite): give pending I/O, such as webhooks waiting to
      // be acknowledged, its turn before the next pass.
      else await new Promise((resolve) => setImmediate(resolve));
      if (timer) clearTimeout(timer);
      timer = null;
      wakeUp = null;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      finished = loop();
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await finished;
    },
  };
}
