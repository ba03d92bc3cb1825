export { createRegistryClient } from './create-registry-client';
export type { RegistryClientDeps } from './create-registry-client';
export type { PlatformManifest, RateLimit, RegistryClient, ResolveOptions, ResolvedDigest } from './registry-client';
export { parseRegistriesSetting, DEFAULT_REGISTRIES } from './registry-settings';
export type { RegistrySettings } from './registry-settings';
