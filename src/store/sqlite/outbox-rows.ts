/** The columns of an `outbox` row that carry the message (see migration 3). */
export interface OutboxColumns {
  readonly message_id: string;
  readonly run_seq: number;
  readonly session_id: string;
  readonly subject: string;
  readonly body: string;
  readonly properties: string;
}
