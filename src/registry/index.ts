export { createRegistryClient } from './create-registry-client';
export type { RegistryClientDeps } from './create-registry-client';
export type { InspectOptions, InspectedManifest, PlatformManifest, RateLimit, RegistryClient, ResolveOptions, ResolvedDigest } from './registry-client';
export { parseRegistriesSetting, DEFAULT_REGISTRIES } from './registry-settings';
export type { RegistrySettings } from './registry-settings';
