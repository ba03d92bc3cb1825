import { message as amqpMessage, type Delivery, type Message } from 'rhea';
import { handlePutToken } from './cbs';
import type { ConnectionContext } from './connection-context';
import { ingest } from './ingest';
import type { IncomingRole } from './link-router';
import { handleManagement } from './management';
import type { SendTarget } from './namespace';
import { sendReply } from './reply';
import type { SasKey } from './sas';
import { encodedSize, messagesOfTransfer } from './wire-message';

type OutcomeFactory = (fields?: Record<string, unknown>) => { described(): unknown };
const outcomes = amqpMessage as unknown as { accepted: OutcomeFactory; rejected: OutcomeFactory };

export interface Transfer {
  payload: Message | Buffer;
  format: number | undefined;
  delivery: Delivery;
}

/** One transfer from a client sender: a put-token, a management request, or messages for an entity. */
export function handleTransfer(role: IncomingRole, transfer: Transfer, context: ConnectionContext, key: SasKey, nowMs: number): void {
  const { payload, delivery } = transfer;
  if (role.kind !== 'entity') {
    const request = payload as Message;
    const reply = role.kind === 'cbs' ? handlePutToken(context, request, key, nowMs) : handleManagement(role.scope, request, nowMs);
    sendReply(context, request, reply, role.kind === 'cbs' ? 'cbs' : 'management');
    return delivery.update(true, outcomes.accepted().described());
  }
  const refusal = accept(role.target, transfer, nowMs);
  delivery.update(true, refusal ? outcomes.rejected({ error: refusal }).described() : outcomes.accepted().described());
}

/** Stores the messages of a transfer; an error value when the whole transfer is refused. */
function accept(target: SendTarget, transfer: Transfer, nowMs: number): { condition: string; description: string } | undefined {
  const size = encodedSize(transfer.payload);
  if (size > target.settings.maxMessageSizeBytes) {
    return {
      condition: 'amqp:link:message-size-exceeded',
      description: `The message (${size} bytes) exceeds the limit of ${target.settings.maxMessageSizeBytes} bytes.`,
    };
  }
  let messages: Message[];
  try {
    messages = messagesOfTransfer(transfer.payload, transfer.format);
  } catch (error) {
    return { condition: 'amqp:decode-error', description: error instanceof Error ? error.message : String(error) };
  }
  if (target.requiresSession && messages.some((m) => typeof m.group_id !== 'string')) {
    return { condition: 'amqp:not-allowed', description: `The entity '${target.settings.name}' requires sessions: set sessionId on every message.` };
  }
  for (const message of messages) ingest(target, message, nowMs);
  return undefined;
}
