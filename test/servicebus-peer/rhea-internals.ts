import type { Delivery, link, Sender } from 'rhea';

/**
 * The few rhea 3.0.5 internals the peer needs, typed in one place. rhea answers a remote attach
 * itself; a broker must fill in its own attach (settle modes, max message size, source filter,
 * properties) before rhea writes it on the next tick, and sometimes hold it back.
 */
interface LinkInternals {
  local: { attach: Record<string, unknown> };
  state: { local_open: boolean; open_requests: number };
  credit: number;
  delivery_count: number;
  _draining: boolean;
  _drained: boolean;
  _get_drain(): boolean;
}

function internals(l: link): LinkInternals {
  return l as unknown as LinkInternals;
}

/** Sets fields of the attach the peer sends back (rhea copies none of them from the client's). */
export function setAttachFields(l: link, fields: Record<string, unknown>): void {
  Object.assign(internals(l).local.attach, fields);
}

/** Keeps rhea from answering an attach now (Service Bus holds a next-session attach until a session is free). */
export function holdAttach(l: link): void {
  const state = internals(l).state;
  state.local_open = false;
  state.open_requests = 0;
}

/** Sends a held attach. */
export function releaseAttach(l: link): void {
  l.open();
}

/**
 * The total number of deliveries the client allows (its delivery count plus its credit). rhea
 * lowers `credit` only when a delivery is written, a tick after `send`, so callers count their own
 * sends against this limit.
 */
export function deliveryLimit(sender: Sender): number {
  const l = internals(sender);
  return l.credit + l.delivery_count;
}

export function isDraining(sender: Sender): boolean {
  return internals(sender)._draining;
}

/**
 * rhea sets `drain` on the answering flow only while it still counts credit; when the last
 * deliveries used it up (but were not yet counted by the client) the drain would go unanswered and
 * the client would close its receiver. Answer it whenever one was asked for.
 */
export function answerDrainAlways(sender: Sender): void {
  const l = internals(sender);
  l._get_drain = function answerDrain(this: LinkInternals): boolean {
    if (!(this._draining && this._drained)) return false;
    this.delivery_count += this.credit;
    this.credit = 0;
    return true;
  };
}

/**
 * In peek-lock (receiver settle mode "second") the client never settles after the peer does, yet
 * rhea frees an outgoing delivery only once both sides settled: without this the session's 2048
 * delivery slots fill up and the link stalls. Call right after settling.
 */
export function forgetSettledDelivery(delivery: Delivery): void {
  (delivery as unknown as { remote_settled: boolean }).remote_settled = true;
}
