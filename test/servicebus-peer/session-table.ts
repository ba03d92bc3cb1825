/** Whoever holds a session lock: told when the lock expires so it can detach its link. */
export interface SessionHolder {
  sessionLockLost(sessionId: string): void;
}

interface SessionLock {
  holder: SessionHolder;
  untilMs: number;
  timer: NodeJS.Timeout;
}

/**
 * Session locks and session state of one queue or subscription. A session is locked by one
 * receiver at a time; the lock lasts the entity's lock duration and is renewed by
 * `com.microsoft:renew-session-lock` (the SDK renews it automatically).
 */
export class SessionTable {
  private readonly locks = new Map<string, SessionLock>();
  private readonly states = new Map<string, Buffer>();

  constructor(
    private readonly lockDurationMs: number,
    private readonly onExpired: (sessionId: string, holder: SessionHolder) => void,
  ) {}

  isLocked(sessionId: string): boolean {
    return this.locks.has(sessionId);
  }

  heldBy(sessionId: string, holder: SessionHolder): boolean {
    return this.locks.get(sessionId)?.holder === holder;
  }

  /** Locks the session for `holder`; undefined when another receiver holds it. */
  acquire(sessionId: string, holder: SessionHolder, nowMs: number): number | undefined {
    const current = this.locks.get(sessionId);
    if (current && current.holder !== holder) return undefined;
    return this.arm(sessionId, holder, nowMs);
  }

  /** Extends a held lock; undefined when the session is not locked (the lock was lost). */
  renew(sessionId: string, nowMs: number): number | undefined {
    const current = this.locks.get(sessionId);
    return current ? this.arm(sessionId, current.holder, nowMs) : undefined;
  }

  release(sessionId: string, holder: SessionHolder): boolean {
    const current = this.locks.get(sessionId);
    if (!current || current.holder !== holder) return false;
    clearTimeout(current.timer);
    this.locks.delete(sessionId);
    return true;
  }

  getState(sessionId: string): Buffer | undefined {
    return this.states.get(sessionId);
  }

  setState(sessionId: string, state: Buffer | undefined): void {
    if (state === undefined) this.states.delete(sessionId);
    else this.states.set(sessionId, state);
  }

  clearTimers(): void {
    for (const lock of this.locks.values()) clearTimeout(lock.timer);
    this.locks.clear();
  }

  private arm(sessionId: string, holder: SessionHolder, nowMs: number): number {
    const previous = this.locks.get(sessionId);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      this.locks.delete(sessionId);
      this.onExpired(sessionId, holder);
    }, this.lockDurationMs);
    timer.unref();
    const untilMs = nowMs + this.lockDurationMs;
    this.locks.set(sessionId, { holder, untilMs, timer });
    return untilMs;
  }
}
