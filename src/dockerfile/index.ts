export { discoverDependencies } from './discover-dependencies';
export type {
  Dependency,
  DependencyType,
  DiscoveryErrorCode,
  DiscoveryOptions,
  DiscoveryResult,
  SkipReason,
  Skipped,
} from './types';
