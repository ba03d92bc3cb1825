import type { Connection, Receiver, Sender } from 'rhea';
import type { ConnectionContexts} from './connection-context';
import { isAuthorised } from './connection-context';
import { Consumer, type ReceiveMode } from './consumer';
import type { ManagementScope, Namespace, SendTarget } from './namespace';
import { refuse } from './refuse-link';
import { setAttachFields } from './rhea-internals';
import type { SessionGate } from './session-gate';

/** What a peer receiver link (a client sender) carries. */
export type IncomingRole = { kind: 'cbs' } | { kind: 'management'; scope: ManagementScope } | { kind: 'entity'; target: SendTarget };

const NOT_FOUND = 'amqp:not-found';
const UNAUTHORIZED = 'amqp:unauthorized-access';

/**
 * Answers attaches: checks the address and the connection's CBS authorisation, mirrors the
 * client's settle modes, advertises `max_message_size`, and records what each link is for.
 */
export class LinkRouter {
  readonly incoming = new WeakMap<Receiver, IncomingRole>();
  readonly consumers = new Map<Sender, Consumer>();

  constructor(
    private readonly namespace: Namespace,
    private readonly contexts: ConnectionContexts,
    private readonly sessions: SessionGate,
    private readonly now: () => number,
  ) {}

  /** A client sender attached: the peer receives on it. */
  receiverOpened(receiver: Receiver): void {
    const address = String(receiver.target?.address ?? '');
    receiver.set_target({ address });
    setAttachFields(receiver, this.commonFields(receiver, 262_144));
    if (address === '$cbs') return void this.incoming.set(receiver, { kind: 'cbs' });
    const scope = this.namespace.management(address);
    const target = scope ? undefined : this.namespace.sendTarget(address);
    if (!scope && !target) return refuse(receiver, NOT_FOUND, `The messaging entity '${address}' could not be found.`);
    if (!this.authorised(receiver.connection, address)) return refuse(receiver, UNAUTHORIZED, `Unauthorized access to '${address}'.`);
    if (scope) return void this.incoming.set(receiver, { kind: 'management', scope });
    const sendTarget = target as SendTarget;
    setAttachFields(receiver, { max_message_size: sendTarget.settings.maxMessageSizeBytes });
    this.incoming.set(receiver, { kind: 'entity', target: sendTarget });
  }

  /** A client receiver attached: the peer sends on it (replies, or messages of a queue). */
  senderOpened(sender: Sender): void {
    const address = String(sender.source?.address ?? '');
    sender.set_source({ address });
    setAttachFields(sender, this.commonFields(sender, 262_144));
    if (address === '$cbs') return this.replyLink(sender);
    const scope = this.namespace.management(address);
    const queue = scope ? undefined : this.namespace.receiveQueue(address);
    if (!scope && !queue) return refuse(sender, NOT_FOUND, `The messaging entity '${address}' could not be found.`);
    if (!this.authorised(sender.connection, address)) return refuse(sender, UNAUTHORIZED, `Unauthorized access to '${address}'.`);
    if (!queue) return this.replyLink(sender);
    setAttachFields(sender, { max_message_size: this.namespace.maxMessageSize(queue) });
    const mode: ReceiveMode = sender.snd_settle_mode === 1 ? 'receiveAndDelete' : 'peekLock';
    const filter = (sender.source?.filter ?? undefined) as Record<string, unknown> | undefined;
    const wantsSession = filter !== undefined && 'com.microsoft:session-filter' in filter;
    if (wantsSession !== queue.settings.requiresSession) {
      const why = wantsSession ? 'does not require sessions' : 'requires sessions: accept a session to receive';
      return refuse(sender, 'amqp:not-allowed', `The entity '${address}' ${why}.`);
    }
    if (!wantsSession) return this.addConsumer(new Consumer(sender, queue, mode, undefined, this.now));
    const requested = filter['com.microsoft:session-filter'];
    this.sessions.open(sender, queue, mode, typeof requested === 'string' ? requested : undefined, (consumer) => this.addConsumer(consumer));
  }

  /** The link or its connection went away. */
  closed(sender: Sender): void {
    const consumer = this.consumers.get(sender);
    if (!consumer) return;
    this.consumers.delete(sender);
    consumer.closed();
  }

  consumersOf(connection: Connection): Sender[] {
    return [...this.consumers.keys()].filter((s) => s.connection === connection);
  }

  private addConsumer(consumer: Consumer): void {
    this.consumers.set(consumer.sender, consumer);
  }

  private replyLink(sender: Sender): void {
    const context = this.contexts.of(sender.connection);
    context.replyLinks.set(sender.name, sender);
    const target = sender.target?.address;
    if (typeof target === 'string') context.replyLinks.set(target, sender);
  }

  private authorised(connection: Connection, address: string): boolean {
    return isAuthorised(this.contexts.of(connection), address, this.now());
  }

  private commonFields(link: Sender | Receiver, maxMessageSize: number): Record<string, unknown> {
    return { snd_settle_mode: link.snd_settle_mode ?? 2, rcv_settle_mode: link.rcv_settle_mode ?? 0, max_message_size: maxMessageSize };
  }
}
