// Inbound and outbound SMS as stored rows. The inbound insert is the webhook's de-duplication (one row per provider
// message id); the outbound idempotency key is what stops a re-run job from texting twice (product.md 3.9, 4.4).
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "./database";
import { guarded } from "./errors";
import { type InboundState, inboundMessages, type OutboundStatus, outboundMessages } from "./schema";

export type InboundMessageRecord = typeof inboundMessages.$inferSelect;
export type OutboundMessageRecord = typeof outboundMessages.$inferSelect;

export interface NewInboundMessage {
  providerMessageId: string;
  msisdn: string;
  /** Set when the sender is a known account. */
  userId?: string | null;
  payload: Record<string, unknown>;
  receivedAt: Date;
  concat?: { ref: string; total: number; part: number } | null;
}

export interface InboundInsertResult {
  /** False when this provider message id was already stored: a duplicate delivery, to be acknowledged and ignored. */
  inserted: boolean;
  /** The stored row's id (also for a duplicate). */
  id: string;
}

export interface NewOutboundMessage {
  idempotencyKey: string;
  userId?: string | null;
  toPhone: string;
  body: string;
  clientRef?: string | null;
}

export interface OutboundRecordResult {
  /** False when the key was already used: the stored row is returned and nothing must be sent again. */
  created: boolean;
  message: OutboundMessageRecord;
}

export interface MessagesRepository {
  /** INSERT … ON CONFLICT DO NOTHING on the provider message id; pass the webhook's transaction as `exec`. */
  insertInbound(message: NewInboundMessage, exec?: Executor): Promise<InboundInsertResult>;
  findInboundByProviderId(providerMessageId: string, exec?: Executor): Promise<InboundMessageRecord | undefined>;
  findInboundById(id: string, exec?: Executor): Promise<InboundMessageRecord | undefined>;
  setInboundState(id: string, state: InboundState, exec?: Executor): Promise<void>;
  /** The parts received so far of one multipart text, in part order. */
  concatParts(msisdn: string, concatRef: string, exec?: Executor): Promise<InboundMessageRecord[]>;
  recordOutbound(message: NewOutboundMessage, exec?: Executor): Promise<OutboundRecordResult>;
  markOutboundSubmitted(id: string, providerMessageId: string, exec?: Executor): Promise<void>;
  /** Applies a delivery receipt; returns the updated row, or undefined for an unknown provider id. */
  updateOutboundStatus(
    providerMessageId: string,
    status: OutboundStatus,
    errorCode: string | null,
    exec?: Executor,
  ): Promise<OutboundMessageRecord | undefined>;
  findOutboundByIdempotencyKey(key: string, exec?: Executor): Promise<OutboundMessageRecord | undefined>;
}

export function createMessagesRepository(db: Executor, now: () => Date): MessagesRepository {
  return {
    insertInbound(message, exec = db) {
      return guarded("store inbound message", async () => {
        const [row] = await exec
          .insert(inboundMessages)
          .values({
            providerMessageId: message.providerMessageId,
            msisdn: message.msisdn,
            userId: message.userId ?? null,
            payload: message.payload,
            receivedAt: message.receivedAt,
            stateChangedAt: message.receivedAt,
            concatRef: message.concat?.ref ?? null,
            concatTotal: message.concat?.total ?? null,
            concatPart: message.concat?.part ?? null,
          })
          .onConflictDoNothing({ target: inboundMessages.providerMessageId })
          .returning({ id: inboundMessages.id });
        if (row) return { inserted: true, id: row.id };
        const [existing] = await exec
          .select({ id: inboundMessages.id })
          .from(inboundMessages)
          .where(eq(inboundMessages.providerMessageId, message.providerMessageId));
        return { inserted: false, id: existing!.id };
      });
    },

    findInboundById(id, exec = db) {
      return guarded("find inbound message", async () => {
        const [row] = await exec.select().from(inboundMessages).where(eq(inboundMessages.id, id));
        return row;
      });
    },
    findInboundByProviderId(providerMessageId, exec = db) {
      return guarded("find inbound message", async () => {
        const [row] = await exec.select().from(inboundMessages).where(eq(inboundMessages.providerMessageId, providerMessageId));
        return row;
      });
    },

    async setInboundState(id, state, exec = db) {
      await guarded("update inbound message", () =>
        exec.update(inboundMessages).set({ state, stateChangedAt: now() }).where(eq(inboundMessages.id, id)),
      );
    },

    concatParts(msisdn, concatRef, exec = db) {
      return guarded("read multipart message", () =>
        exec
          .select()
          .from(inboundMessages)
          .where(and(eq(inboundMessages.msisdn, msisdn), eq(inboundMessages.concatRef, concatRef), isNotNull(inboundMessages.concatRef)))
          .orderBy(asc(inboundMessages.concatPart), asc(inboundMessages.receivedAt)),
      );
    },

    recordOutbound(message, exec = db) {
      const at = now();
      return guarded("record outbound message", async () => {
        const [row] = await exec
          .insert(outboundMessages)
          .values({
            idempotencyKey: message.idempotencyKey,
            userId: message.userId ?? null,
            toPhone: message.toPhone,
            body: message.body,
            clientRef: message.clientRef ?? null,
            createdAt: at,
            statusUpdatedAt: at,
          })
          .onConflictDoNothing({ target: outboundMessages.idempotencyKey })
          .returning();
        if (row) return { created: true, message: row };
        const [existing] = await exec.select().from(outboundMessages).where(eq(outboundMessages.idempotencyKey, message.idempotencyKey));
        return { created: false, message: existing! };
      });
    },

    async markOutboundSubmitted(id, providerMessageId, exec = db) {
      const at = now();
      await guarded("mark outbound submitted", () =>
        exec
          .update(outboundMessages)
          .set({ providerMessageId, status: "submitted", submittedAt: at, statusUpdatedAt: at })
          .where(eq(outboundMessages.id, id)),
      );
    },

    updateOutboundStatus(providerMessageId, status, errorCode, exec = db) {
      return guarded("update outbound status", async () => {
        const [row] = await exec
          .update(outboundMessages)
          .set({ status, errorCode, statusUpdatedAt: now() })
          .where(eq(outboundMessages.providerMessageId, providerMessageId))
          .returning();
        return row;
      });
    },

    findOutboundByIdempotencyKey(key, exec = db) {
      return guarded("find outbound message", async () => {
        const [row] = await exec.select().from(outboundMessages).where(eq(outboundMessages.idempotencyKey, key));
        return row;
      });
    },
  };
}
