export { createUpdateTriggerNotifier } from './update-trigger-notifier';
export type { UpdateTriggerNotifier, UpdateTriggerNotifierDeps, UpdateTriggerNotifyInput } from './update-trigger-notifier';
export { verifyCascadeSignature } from './verify-cascade-signature';
export type { VerifyCascadeSignatureInput, VerifyCascadeSignatureResult } from './verify-cascade-signature';
export { cascadeSignature } from './cascade-signature';
export type {
  DefaultUpdateTriggerPayload, TokenUpdateTriggerPayload, UpdateTriggerPayload, UpdateTriggerPayloadChoice, UpdateTriggerPayloadType,
} from './update-trigger-payload';
