export { discoverDependencies } from './discover-dependencies';
export { platformArgs } from './platform-args';
export type {
  Dependency,
  DependencyType,
  DiscoveryErrorCode,
  DiscoveryOptions,
  DiscoveryResult,
  SkipReason,
  Skipped,
} from './types';
