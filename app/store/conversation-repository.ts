// One phone's texts in both directions, oldest first: what the demo's phone simulator and an operator read.
import { and, asc, eq, gte } from "drizzle-orm";
import type { CanonicalPhone } from "../identity";
import type { Executor } from "./database";
import { guarded } from "./errors";
import { inboundMessages, outboundMessages } from "./schema";

export interface ConversationEntry {
  direction: "in" | "out";
  body: string;
  at: Date;
}

export function createConversationRepository(db: Executor) {
  return {
    /** The last `limit` texts with this phone. Vonage sends the sender without "+" (msisdn), we store ours canonical. */
    list(phone: CanonicalPhone, limit: number): Promise<ConversationEntry[]> {
      return guarded("list conversation", async () => {
        const [received, sent] = await Promise.all([
          db
            .select({ payload: inboundMessages.payload, at: inboundMessages.receivedAt })
            .from(inboundMessages)
            .where(eq(inboundMessages.msisdn, phone.slice(1)))
            .orderBy(asc(inboundMessages.receivedAt)),
          db
            .select({ body: outboundMessages.body, at: outboundMessages.createdAt })
            .from(outboundMessages)
            .where(eq(outboundMessages.toPhone, phone))
            .orderBy(asc(outboundMessages.createdAt)),
        ]);
        const entries: ConversationEntry[] = [
          ...received.map((r) => ({ direction: "in" as const, body: String(r.payload.text ?? ""), at: r.at })),
          ...sent.map((s) => ({ direction: "out" as const, body: s.body, at: s.at })),
        ];
        return entries.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(-limit);
      });
    },
    /** Texts sent to this phone since `since`, with their idempotency keys (which name the text, e.g. `...:HELP`). */
    sentSince(phone: CanonicalPhone, since: Date): Promise<Array<{ idempotencyKey: string; at: Date }>> {
      return guarded("list sent texts", () =>
        db
          .select({ idempotencyKey: outboundMessages.idempotencyKey, at: outboundMessages.createdAt })
          .from(outboundMessages)
          .where(and(eq(outboundMessages.toPhone, phone), gte(outboundMessages.createdAt, since))),
      );
    },
  };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
