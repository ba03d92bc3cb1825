import type { StoredMessage } from './message-queue';
import type { PeerMessageView } from './peer-types';
import { bodyOf } from './wire-message';

export function toView(stored: StoredMessage): PeerMessageView {
  const m = stored.message;
  const props: Record<string, unknown> = { ...m.application_properties };
  const view: PeerMessageView = {
    messageId: String(m.message_id),
    body: bodyOf(m),
    applicationProperties: props,
    deliveryCount: stored.deliveries,
  };
  if (stored.sessionId !== undefined) view.sessionId = stored.sessionId;
  if (typeof m.subject === 'string') view.subject = m.subject;
  if (typeof m.content_type === 'string') view.contentType = m.content_type;
  if (typeof props['DeadLetterReason'] === 'string') view.deadLetterReason = props['DeadLetterReason'];
  if (typeof props['DeadLetterErrorDescription'] === 'string') view.deadLetterErrorDescription = props['DeadLetterErrorDescription'];
  return view;
}
