import { generate_uuid, message as amqpMessage, type Message } from 'rhea';

/** Message format of a Service Bus batch: an envelope whose data sections are encoded messages. */
export const BATCH_FORMAT = 0x80013700;

/**
 * The messages of one transfer. rhea decodes only format 0; a batch is decoded here, envelope
 * first, then each data section as a message.
 */
export function messagesOfTransfer(payload: Message | Buffer, format: number | undefined): Message[] {
  if (!Buffer.isBuffer(payload)) return [payload];
  if (format !== BATCH_FORMAT) throw new Error(`unsupported message format 0x${(format ?? 0).toString(16)}`);
  const envelope = amqpMessage.decode(payload);
  const body: unknown = envelope.body;
  const section = body as { typecode?: number; content?: unknown; multiple?: boolean } | undefined;
  if (section?.typecode !== 0x75) throw new Error('a batch envelope must carry data sections');
  const parts = section.multiple ? (section.content as Buffer[]) : [section.content as Buffer];
  return parts.map(decodeMessage);
}

/** Decodes one encoded message (rhea types its decoder's result apart from the event's `Message`). */
export function decodeMessage(bytes: Buffer): Message {
  return amqpMessage.decode(bytes) as unknown as Message;
}

/** The size the client measured against `max_message_size`. */
export function encodedSize(payload: Message | Buffer): number {
  return Buffer.isBuffer(payload) ? payload.length : amqpMessage.encode(payload).length;
}

/** Service Bus assigns a message id to a message sent without one; the client's lock renewer keys on it. */
export function withMessageId(message: Message): Message {
  if (message.message_id !== undefined && message.message_id !== null && message.message_id !== '') return message;
  message.message_id = generate_uuid();
  return message;
}

/** The body the way the SDK's default transformer reads it: JSON from a data section when it parses. */
export function bodyOf(message: Message): unknown {
  const body: unknown = message.body;
  const section = body as { typecode?: number; content?: unknown } | undefined;
  if (section && typeof section === 'object' && section.typecode === 0x75 && Buffer.isBuffer(section.content)) {
    try {
      return JSON.parse(section.content.toString('utf8'));
    } catch {
      return section.content;
    }
  }
  if (section && typeof section === 'object' && section.typecode === 0x76) return section.content;
  return body;
}
