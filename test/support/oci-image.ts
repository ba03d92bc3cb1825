import { buildManifest, type BuiltManifest, type ImageFormat } from './built-manifest';
import { busyboxLayer } from './busybox-layer';
import { parsePlatform } from './platform';

export interface ImageOptions {
  /** Written to `/etc/cascade-marker`; the image's digest is a function of marker, platform and format. */
  readonly marker?: string;
  /** `os/arch[/variant]`, default `linux/amd64`. Only a label: the busybox binary is the host's. */
  readonly platform?: string;
  readonly format?: ImageFormat;
  /** Manifest annotations (OCI only). */
  readonly annotations?: Record<string, string>;
}

/** A deterministic single-layer busybox image: no timestamps but the epoch, no random ids. */
export function buildImage(options: ImageOptions = {}): BuiltManifest {
  const layer = busyboxLayer(options.marker ?? 'cascade');
  const platform = parsePlatform(options.platform ?? 'linux/amd64');
  const config = {
    created: '1970-01-01T00:00:00Z',
    ...platform,
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] },
    rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    // One history entry per layer, as real builders write: buildah refuses to build on an image
    // whose history and layers disagree ("history lists N non-empty layers").
    history: [{ created: '1970-01-01T00:00:00Z', created_by: 'cascade test image: busybox rootfs' }],
  };
  return buildManifest({ format: options.format ?? 'oci', config, layers: [{ bytes: layer.bytes }], annotations: options.annotations });
}
