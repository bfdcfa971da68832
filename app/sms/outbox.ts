// Sends each text at most once per idempotency key (spec/product.md 3.9): the row is recorded first, and a key
// whose text already reached the provider is never sent again, so a re-run job or a redelivered webhook repeats
// nothing. The one window left is a crash between the provider's acceptance and our update: that text may go
// twice, which we prefer to a customer who never gets an answer.
import type { MessagesRepository } from "../store";
import type { SmsSender } from "./sender";

export type OutboxResult = "sent" | "already_sent";

export interface OutboxMessage {
  /** Stable across retries: the request (inbound or job) plus the text's role. */
  key: string;
  userId: string | null;
  /** Canonical phone. */
  to: string;
  text: string;
}

export interface Outbox {
  send(message: OutboxMessage): Promise<OutboxResult>;
}

export interface OutboxOptions {
  messages: Pick<MessagesRepository, "recordOutbound" | "markOutboundSubmitted">;
  sender: SmsSender;
  /** Counts sent texts (sms_sent_total). */
  onSent?: (segments: number) => void;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { messages, sender } = options;
  return {
    async send(message) {
      const { created, message: row } = await messages.recordOutbound({
        idempotencyKey: message.key,
        userId: message.userId,
        toPhone: message.to,
        body: message.text,
      });
      if (!created && row.providerMessageId !== null) return "already_sent";
      // Our row id is the client-ref: delivery receipts carry it back (36 characters, within Vonage's 40).
      const sent = await sender.send({ to: message.to, text: message.text, clientRef: row.id });
      await messages.markOutboundSubmitted(row.id, sent.providerMessageIds[0] ?? row.id);
      options.onSent?.(sent.segments);
      return "sent";
    },
  };
}
