/**
 * CA certificates of the HTTPS registries this process started, by origin. Node's fetch cannot be handed
 * a CA and reads NODE_EXTRA_CA_CERTS only at startup, so registryFetch looks the CA up here and uses
 * node:https for those origins: `pushImage(tlsRegistry.url, …)` just works, with verification on.
 */
const byOrigin = new Map<string, Buffer>();

export const trustedCa = {
  add(origin: string, pem: Buffer): void {
    byOrigin.set(new URL(origin).origin, pem);
  },
  remove(origin: string): void {
    byOrigin.delete(new URL(origin).origin);
  },
  for(url: URL): Buffer | undefined {
    return byOrigin.get(url.origin);
  },
};
