import type { Receiver, Sender } from 'rhea';

/** Detaches with an error right after the attach: how Service Bus refuses a link. */
export function refuse(link: Sender | Receiver, condition: string, description: string): void {
  link.close({ condition, description });
}
