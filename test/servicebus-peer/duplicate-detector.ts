/** Remembers message ids for a window, as Service Bus duplicate detection does. */
export class DuplicateDetector {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** True when `messageId` was already accepted inside the window; otherwise records it. */
  isDuplicate(messageId: string, nowMs: number): boolean {
    this.forgetBefore(nowMs - this.windowMs);
    if (this.seen.has(messageId)) return true;
    this.seen.set(messageId, nowMs);
    return false;
  }

  /** Ids are recorded in time order, so expiry stops at the first young one. */
  private forgetBefore(cutoffMs: number): void {
    for (const [id, at] of this.seen) {
      if (at > cutoffMs) return;
      this.seen.delete(id);
    }
  }
}
