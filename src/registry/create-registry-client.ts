import type { TokenCredential } from '@azure/identity';
import { CascadeError } from '../errors';
import { formatImageRef, type ImageRef } from '../image-ref';
import { createAcrRegistryClient } from './acr/create-acr-registry-client';
import { createOciRegistryClient } from './oci/create-oci-registry-client';
import type { InspectedManifest, InspectOptions, PlatformManifest, RegistryClient, ResolveOptions, ResolvedDigest } from './registry-client';
import type { RegistrySettings } from './registry-settings';

export interface RegistryClientDeps {
  readonly registries: readonly RegistrySettings[];
  readonly timeoutMs: number;
  /** Made on first use of an `acr` registry, so anonymous set-ups never touch Azure identity. */
  readonly azureCredential: () => TokenCredential;
  readonly fetch?: typeof fetch;
}

/**
 * Routes each reference to its registry's adapter. Only configured registries are ever called
 * (DESIGN.md §4): a payload cannot make Cascade reach an arbitrary host.
 */
export function createRegistryClient(deps: RegistryClientDeps): RegistryClient {
  const byHost = new Map<string, RegistryClient>();
  const settings = new Map(deps.registries.map((entry) => [entry.host, entry]));

  function adapterFor(ref: ImageRef): RegistryClient {
    const existing = byHost.get(ref.registry);
    if (existing) return existing;
    const entry = settings.get(ref.registry);
    if (!entry) {
      throw new CascadeError('REGISTRY_NOT_ALLOWED', `${ref.registry} is not a configured registry (${formatImageRef(ref)}); add it to CASCADE_REGISTRIES`);
    }
    const adapter = entry.kind === 'acr'
      ? createAcrRegistryClient({ settings: entry, credential: deps.azureCredential(), timeoutMs: deps.timeoutMs })
      : createOciRegistryClient({ settings: entry, timeoutMs: deps.timeoutMs, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
    byHost.set(ref.registry, adapter);
    return adapter;
  }

  return {
    async resolveDigest(ref: ImageRef, options?: ResolveOptions): Promise<ResolvedDigest> {
      return adapterFor(ref).resolveDigest(ref, options);
    },
    async inspectManifest(ref: ImageRef, options?: InspectOptions): Promise<InspectedManifest> {
      return adapterFor(ref).inspectManifest(ref, options);
    },
    async listPlatforms(ref: ImageRef): Promise<readonly PlatformManifest[] | null> {
      return adapterFor(ref).listPlatforms(ref);
    },
  };
}
