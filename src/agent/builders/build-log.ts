/** 5 MiB of text: enough for any useful build log, small enough for one database row. */
export const DEFAULT_LOG_LIMIT = 5 * 1024 * 1024;

export interface BuildLog {
  write(text: string): void;
  /** Everything written, or its head and tail around a marker saying how much was left out. */
  text(): string;
}

/**
 * A capped log that keeps both ends: the head shows what was built, the tail why it failed.
 * Counts UTF-16 code units, which is close enough to bytes for a cap.
 */
export function createBuildLog(limit = DEFAULT_LOG_LIMIT): BuildLog {
  const headLimit = Math.floor(limit / 2);
  const tailLimit = limit - headLimit;
  let head = '';
  let tail: string[] = [];
  let tailLength = 0;
  let omitted = 0;

  return {
    write(text: string): void {
      if (head.length < headLimit) {
        const room = headLimit - head.length;
        head += text.slice(0, room);
        text = text.slice(room);
      }
      if (text === '') return;
      tail.push(text);
      tailLength += text.length;
      if (tailLength > tailLimit * 2) {
        const joined = tail.join('');
        omitted += joined.length - tailLimit;
        tail = [joined.slice(-tailLimit)];
        tailLength = tailLimit;
      }
    },
    text(): string {
      const joined = tail.join('');
      const dropped = omitted + Math.max(0, joined.length - tailLimit);
      if (dropped === 0) return head + joined;
      return `${head}\n[… ${dropped} characters of log omitted …]\n${joined.slice(-tailLimit)}`;
    },
  };
}
