/** Small statistics for benchmarks: medians over rounds resist the noise of shared machines. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Parses `--name value` pairs into numbers, with defaults. */
export function numericArgs<T extends Record<string, number>>(args: readonly string[], defaults: T): T {
  const result: Record<string, number> = { ...defaults };
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]?.replace(/^--/, '');
    const value = Number(args[i + 1]);
    if (!key || !(key in defaults) || !Number.isFinite(value)) throw new Error(`unknown or invalid option ${args[i]} ${args[i + 1] ?? ''}`);
    result[key] = value;
  }
  return result as T;
}

export function printRows(rows: ReadonlyArray<Record<string, string | number>>): void {
  console.table(rows);
}
