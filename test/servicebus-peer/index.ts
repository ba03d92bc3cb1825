export type {
  PeerCounts,
  PeerEntityConfig,
  PeerMessageView,
  PeerStats,
  PeerSubscriptionConfig,
  ServiceBusPeer,
  ServiceBusPeerOptions,
} from './peer-types';
export { DEFAULT_PEER_KEY, DEFAULT_PEER_KEY_NAME, startServiceBusPeer } from './service-bus-peer';
