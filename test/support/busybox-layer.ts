import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sha256Digest } from './sha256-digest';
import { tarArchive, type TarEntry } from './tar-archive';

/** A gzipped layer blob and the digest of its uncompressed tar (the config's `rootfs.diff_ids`). */
export interface Layer {
  readonly bytes: Buffer;
  readonly digest: string;
  readonly diffId: string;
}

const APPLETS = ['cat', 'echo', 'ls', 'sh', 'sleep', 'true'];
const cache = new Map<string, Layer>();
let busybox: Buffer | undefined;

/**
 * A runnable busybox rootfs (from Debian's busybox-static) plus `/etc/cascade-marker` holding `marker`:
 * same marker → same bytes and digest, different marker → different digest. Cached per marker because
 * the binary is ~2 MB and gzipping it costs ~100 ms. Node's zlib writes mtime 0 and no file name.
 */
export function busyboxLayer(marker: string): Layer {
  const cached = cache.get(marker);
  if (cached !== undefined) return cached;
  busybox ??= readFileSync('/bin/busybox');
  const entries: TarEntry[] = [
    { type: 'dir', path: 'bin', mode: 0o755 },
    { type: 'file', path: 'bin/busybox', mode: 0o755, content: busybox },
    ...APPLETS.map((name): TarEntry => ({ type: 'symlink', path: `bin/${name}`, target: 'busybox' })),
    { type: 'dir', path: 'etc', mode: 0o755 },
    { type: 'file', path: 'etc/cascade-marker', mode: 0o644, content: Buffer.from(`${marker}\n`) },
    { type: 'file', path: 'etc/passwd', mode: 0o644, content: Buffer.from('root:x:0:0:root:/root:/bin/sh\n') },
    { type: 'dir', path: 'tmp', mode: 0o1777 },
  ];
  const tar = tarArchive(entries);
  const bytes = gzipSync(tar);
  const layer = { bytes, digest: sha256Digest(bytes), diffId: sha256Digest(tar) };
  cache.set(marker, layer);
  return layer;
}
