/** An OCI descriptor's `platform`. */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/** `linux/arm64/v8` → `{os: 'linux', architecture: 'arm64', variant: 'v8'}`. */
export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture) throw new Error(`platform must be os/arch[/variant], got ${JSON.stringify(text)}`);
  return variant ? { os, architecture, variant } : { os, architecture };
}
