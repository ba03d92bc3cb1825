import { CascadeError } from '../../errors';

const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$/i;

/**
 * A containers-registries.conf(5) that marks `hosts` insecure (plain http or an untrusted
 * certificate). Chosen over `--tls-verify=false`, which on `bud` would switch verification off
 * for every registry a Dockerfile pulls from, Docker Hub included.
 * https://github.com/containers/image/blob/main/docs/containers-registries.conf.5.md
 */
export function registriesConf(hosts: readonly string[]): string {
  const bad = hosts.filter((host) => !HOST.test(host));
  if (bad.length > 0) throw new CascadeError('CONFIG_INVALID', `invalid configuration: ${bad.join(', ')} is not a registry host`);
  const entries = hosts.map((host) => `[[registry]]\nlocation = "${host}"\ninsecure = true\n`);
  return ['# Written by Cascade for one build.', ...entries].join('\n');
}
