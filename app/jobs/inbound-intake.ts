// The webhook's side of an inbound text: store it and enqueue its handling in one transaction, idempotent on
// Vonage's messageId. Nothing else happens before the 200, so the answer stays far inside Vonage's budget.
import { createHash } from "node:crypto";
import type { InboundSms } from "../sms/webhook-payloads";
import type { Database, MessagesRepository } from "../store";
import type { JobQueue } from "./job-queue";

export interface InboundIntakeDeps {
  database: Pick<Database, "transaction">;
  messages: Pick<MessagesRepository, "insertInbound">;
  queue: Pick<JobQueue, "sendInbound">;
  now: () => Date;
}

/** An opaque, stable key per sender: orders one number's texts in the queue without putting the number there. */
export function senderKey(msisdn: string): string {
  return createHash("sha256").update(`sender:${msisdn}`).digest("hex").slice(0, 24);
}

export function createInboundIntake(deps: InboundIntakeDeps) {
  return async function acceptInbound(message: InboundSms): Promise<{ duplicate: boolean }> {
    return deps.database.transaction(async (tx) => {
      const stored = await deps.messages.insertInbound(
        {
          providerMessageId: message.messageId,
          msisdn: message.msisdn,
          payload: { ...message, sentAt: message.sentAt?.toISOString() ?? null },
          receivedAt: deps.now(),
          concat: message.concat,
        },
        tx.db,
      );
      if (!stored.inserted) return { duplicate: true };
      // Binary texts are stored for the record and never answered (product.md 3.1).
      if (message.type !== "binary") await deps.queue.sendInbound({ inboundId: stored.id }, senderKey(message.msisdn), tx);
      return { duplicate: false };
    });
  };
}
