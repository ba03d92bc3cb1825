/** A normalised `os/architecture[/variant]`, compared the way containerd's platform matcher does. */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant: string | null;
}

/** containerd's defaults: arm64 means v8, arm means v7, so `linux/arm64` matches `linux/arm64/v8`. */
const DEFAULT_VARIANT: Record<string, string> = { arm64: 'v8', arm: 'v7' };
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm' };

export function parsePlatform(text: string): Platform | null {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^[a-z0-9_.-]+$/.test(part))) return null;
  const [os, rawArch, variant] = parts as [string, string, string | undefined];
  const architecture = ARCH_ALIASES[rawArch] ?? rawArch;
  return { os, architecture, variant: variant ?? DEFAULT_VARIANT[architecture] ?? null };
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

export function samePlatform(a: Platform, b: Platform): boolean {
  return a.os === b.os && a.architecture === b.architecture && a.variant === b.variant;
}
