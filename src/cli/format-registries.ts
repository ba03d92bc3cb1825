import type { RegistryWatchStatus } from '../poller';
import { formatTable } from './print-table';

/** `5m`, `1h`, `1.5s`: an interval as people write it. */
function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}

function watching(line: RegistryWatchStatus): string {
  if (line.mode === 'off' || line.intervalMs === null) return line.watch;
  return line.mode === 'poll' ? `poll every ${duration(line.intervalMs)}` : `webhook, reconcile every ${duration(line.intervalMs)}`;
}

function budget(line: RegistryWatchStatus): string {
  const b = line.budget;
  if (b === null || (b.limit === null && b.remaining === null)) return b?.pausedUntil ? `paused until ${b.pausedUntil}` : '-';
  const window = b.windowSeconds === null ? '' : ` per ${duration(b.windowSeconds * 1000)}`;
  const paused = b.pausedUntil ? `, paused until ${b.pausedUntil}` : '';
  return `${b.remaining ?? '?'}/${b.limit ?? '?'}${window} (reserve ${b.reserve})${paused}`;
}

/** The registries section of `cascade status`: how each is watched, its budget, polls and missed notifications. */
export function formatRegistries(lines: readonly RegistryWatchStatus[]): string {
  return formatTable(['REGISTRY', 'WATCH', 'TAGS', 'BUDGET', 'LAST POLL', 'NEXT POLL', 'MISSED', 'LAST ERROR'], lines.map((line) => [
    line.host, watching(line), line.trackedTags === null ? '-' : String(line.trackedTags), budget(line),
    line.lastPollAt ?? '-', line.nextPollAt ?? '-', String(line.missedNotifications), line.lastError ?? '',
  ]));
}
