import { message as amqpMessage, string_to_uuid, types, uuid_to_string, type Message } from 'rhea';
import { deliveryMessage } from './delivery-message';
import { ingest } from './ingest';
import type { MessageQueue, Settled } from './message-queue';
import type { ManagementScope } from './namespace';
import type { Reply } from './reply';
import { decodeMessage } from './wire-message';

type Body = Record<string, unknown>;
type Operation = (scope: ManagementScope, body: Body, nowMs: number) => Reply;

const LOCK_LOST: Reply = { status: 410, description: 'The lock supplied is invalid.', condition: 'com.microsoft:message-lock-lost' };
const SESSION_LOCK_LOST: Reply = { status: 410, description: 'The session lock has expired.', condition: 'com.microsoft:session-lock-lost' };
const OK: Reply = { status: 200, description: 'OK' };

/**
 * The `$management` operations the SDK uses for a queue or subscription.
 * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-amqp-request-response
 */
const operations: Record<string, Operation> = {
  'com.microsoft:renew-lock': (scope, body, now) => {
    const queue = requireQueue(scope);
    const expirations = lockIds(body).map((id) => queue.renewLock(id, now));
    if (expirations.some((e) => e === undefined)) return LOCK_LOST;
    return { ...OK, body: { expirations: expirations.map((e) => new Date(e as number)) } };
  },
  'com.microsoft:peek-message': (scope, body) => {
    const found = requireQueue(scope).peek(seqOf(body['from-sequence-number']), Number(body['message-count'] ?? 1), sessionOf(body));
    if (found.length === 0) return { status: 204, description: 'No messages' };
    return { ...OK, body: { messages: found.map((m) => ({ message: amqpMessage.encode(deliveryMessage(m, m.deliveries)) })) } };
  },
  'com.microsoft:schedule-message': (scope, body, now) => {
    if (!scope.target) return { status: 400, description: 'Messages can only be scheduled on a queue or topic.' };
    const target = scope.target;
    const entries = (body['messages'] ?? []) as Array<{ message: Buffer }>;
    const seqs = entries.map((entry) => ingest(target, decodeMessage(entry.message), now) ?? 0);
    return { ...OK, body: { 'sequence-numbers': seqs.map((s) => types.wrap_long(s)) } };
  },
  'com.microsoft:cancel-scheduled-message': (scope, body) => {
    const queues = scope.target?.queues ?? (scope.queue ? [scope.queue] : []);
    for (const seq of seqList(body)) for (const queue of queues) queue.cancelScheduled(seq);
    return OK;
  },
  'com.microsoft:receive-by-sequence-number': (scope, body, now) => {
    const mode = Number(body['receiver-settle-mode'] ?? 1) === 0 ? 'receiveAndDelete' : 'peekLock';
    const found = requireQueue(scope).takeDeferred(seqList(body), mode, now);
    if (found.length === 0) return { status: 404, description: 'No deferred message has these sequence numbers.', condition: 'com.microsoft:message-not-found' };
    const messages = found.map((m) => ({
      message: amqpMessage.encode(deliveryMessage(m, m.deliveries - 1)),
      'lock-token': types.wrap_uuid(string_to_uuid(m.lock?.token.id ?? '00000000-0000-0000-0000-000000000000')),
    }));
    return { ...OK, body: { messages } };
  },
  'com.microsoft:update-disposition': (scope, body) => {
    const queue = requireQueue(scope);
    const results = lockIds(body).map((id) => settleByStatus(queue, id, body));
    return results.every((r) => r === 'ok') ? OK : LOCK_LOST;
  },
  'com.microsoft:renew-session-lock': (scope, body, now) => {
    const until = requireQueue(scope).sessions.renew(String(sessionOf(body)), now);
    return until === undefined ? SESSION_LOCK_LOST : { ...OK, body: { expiration: new Date(until) } };
  },
  'com.microsoft:set-session-state': (scope, body) => {
    const state = body['session-state'];
    requireQueue(scope).sessions.setState(String(sessionOf(body)), Buffer.isBuffer(state) ? state : undefined);
    return OK;
  },
  'com.microsoft:get-session-state': (scope, body) => {
    const state = requireQueue(scope).sessions.getState(String(sessionOf(body)));
    return { ...OK, body: { 'session-state': state ?? null } };
  },
};

export function handleManagement(scope: ManagementScope, request: Message, nowMs: number): Reply {
  const operation = String(request.application_properties?.['operation'] ?? '');
  const run = operations[operation];
  if (!run) return { status: 501, description: `The peer does not implement '${operation}'.`, condition: 'amqp:not-implemented' };
  try {
    return run(scope, (request.body ?? {}) as Body, nowMs);
  } catch (error) {
    return { status: 400, description: error instanceof Error ? error.message : String(error), condition: 'com.microsoft:argument-error' };
  }
}

function settleByStatus(queue: MessageQueue, lockId: string, body: Body): Settled {
  const status = body['disposition-status'];
  const annotations = body['properties-to-modify'] as Record<string, unknown> | undefined;
  if (status === 'completed') return queue.complete(lockId);
  if (status === 'abandoned') return queue.abandon(lockId, annotations);
  if (status === 'defered') return queue.defer(lockId, annotations);
  return queue.deadLetter(lockId, {
    ...annotations,
    DeadLetterReason: body['deadletter-reason'],
    DeadLetterErrorDescription: body['deadletter-description'],
  });
}

function requireQueue(scope: ManagementScope): MessageQueue {
  if (!scope.queue) throw new Error('This operation needs a queue or subscription, not a topic.');
  return scope.queue;
}

function lockIds(body: Body): string[] {
  const tokens = body['lock-tokens'];
  return (Array.isArray(tokens) ? tokens : [tokens]).map((t) => (Buffer.isBuffer(t) ? uuid_to_string(t) : String(t)));
}

function seqList(body: Body): number[] {
  const seqs = body['sequence-numbers'];
  return (Array.isArray(seqs) ? seqs : [seqs]).map(seqOf);
}

/** Longs arrive as numbers when small and as 8-byte buffers otherwise. */
function seqOf(value: unknown): number {
  if (Buffer.isBuffer(value)) return Number(value.readBigInt64BE());
  return Number(value ?? 0);
}

function sessionOf(body: Body): string | undefined {
  const id = body['session-id'];
  return typeof id === 'string' ? id : undefined;
}
