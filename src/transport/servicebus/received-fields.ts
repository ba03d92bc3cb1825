import type { ServiceBusReceivedMessage } from '@azure/service-bus';

/** The CloudEvents document as text, whichever AMQP body section the sender used. */
export function bodyText(message: ServiceBusReceivedMessage): string {
  const body = message.body as unknown;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** Application properties as the port's string map (filters compare strings). */
export function propertiesText(message: ServiceBusReceivedMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(message.applicationProperties ?? {}).map(([key, value]) => [key, String(value)]));
}

/**
 * Which delivery this is, 1 on the first, as the local queue counts. Service Bus puts the count
 * minus one in the AMQP header (the AMQP spec counts prior attempts); .NET and Java add the one
 * back, the JS SDK 7.9.5 passes the header through.
 */
export function deliveryNumber(message: ServiceBusReceivedMessage): number {
  return (message.deliveryCount ?? 0) + 1;
}
