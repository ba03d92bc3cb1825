import type { Message } from 'rhea';
import type { ConnectionContext } from './connection-context';

/** How a request-response node spells its status properties: `$cbs` and `$management` differ. */
export type StatusSpelling = 'cbs' | 'management';

export interface Reply {
  status: number;
  description: string;
  /** An AMQP error condition the client maps to its error code (`com.microsoft:message-lock-lost`). */
  condition?: string;
  body?: unknown;
}

/**
 * Answers a request on the client's reply link: the link whose name (or target address) equals the
 * request's `reply_to`, with `correlation_id` = the request's `message_id`.
 */
export function sendReply(context: ConnectionContext, request: Message, reply: Reply, spelling: StatusSpelling): boolean {
  const replyTo = typeof request.reply_to === 'string' ? request.reply_to : '';
  const link = context.replyLinks.get(replyTo);
  if (!link) return false;
  const properties: Record<string, unknown> =
    spelling === 'cbs'
      ? { 'status-code': reply.status, 'status-description': reply.description }
      : { statusCode: reply.status, statusDescription: reply.description };
  if (reply.condition) properties['errorCondition'] = reply.condition;
  link.send({
    correlation_id: request.message_id,
    to: replyTo,
    application_properties: properties,
    body: reply.body ?? null,
  });
  return true;
}
