// The Vonage SMS API webhook contracts (spec/contracts.md §3; notes/sms-and-operations.md §1): one zod schema
// for inbound messages and one for delivery receipts, accepted from a query string, a form or JSON alike.
import { z } from "zod";

/** Query strings and forms give strings; JSON may give numbers or booleans for the same fields. */
const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const Id = Scalar.pipe(z.string().min(1).max(100));
const Digits = Scalar.pipe(z.string().regex(/^\d{4,20}$/, "digits only"));
const Count = Scalar.pipe(z.string().regex(/^\d{1,3}$/))
  .transform(Number)
  .pipe(z.number().int().min(1).max(255));
/** `YYYY-MM-DD HH:MM:SS` in UTC, when Vonage started pushing the message. */
const VonageTimestamp = Scalar.pipe(z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/));

export const InboundSmsPayloadSchema = z
  .object({
    msisdn: Digits,
    to: Digits,
    messageId: Id,
    text: Scalar.pipe(z.string().max(4000)).default(""),
    type: z.enum(["text", "unicode", "binary"]).default("text"),
    keyword: Scalar.optional(),
    "message-timestamp": VonageTimestamp.optional(),
    concat: z.enum(["true", "false"]).or(z.boolean().transform(String)).optional(),
    "concat-ref": Id.optional(),
    "concat-total": Count.optional(),
    "concat-part": Count.optional(),
    sig: Scalar.optional(),
    timestamp: Scalar.optional(),
    nonce: Scalar.optional(),
    data: Scalar.optional(),
    udh: Scalar.optional(),
  })
  .refine(
    (p) => p.concat !== "true" || (p["concat-ref"] !== undefined && p["concat-total"] !== undefined && p["concat-part"] !== undefined),
    {
      message: "a concatenated part needs concat-ref, concat-total and concat-part",
      path: ["concat"],
    },
  )
  .refine((p) => p["concat-part"] === undefined || p["concat-total"] === undefined || p["concat-part"] <= p["concat-total"], {
    message: "concat-part is beyond concat-total",
    path: ["concat-part"],
  });
export type InboundSmsPayload = z.infer<typeof InboundSmsPayloadSchema>;

/** One inbound text as our domain sees it; what acceptInbound stores. */
export interface InboundSms {
  /** Vonage's messageId: the deduplication key. */
  messageId: string;
  /** The sender as Vonage gives it (`1XXXXXXXXXX`); canonicalised by the conversation, not here. */
  msisdn: string;
  /** Our number that received it. */
  to: string;
  text: string;
  type: "text" | "unicode" | "binary";
  /** When Vonage started pushing it; null when absent. The store adds its own receipt time. */
  sentAt: Date | null;
  /** Set for one part of a multipart text. */
  concat: { ref: string; total: number; part: number } | null;
  /** The Vonage fields as received (known keys only, without `sig`), for the inbox row's payload column. */
  payload: Record<string, string>;
}

export function toInboundSms(payload: InboundSmsPayload): InboundSms {
  const concat =
    payload.concat === "true" ? { ref: payload["concat-ref"]!, total: payload["concat-total"]!, part: payload["concat-part"]! } : null;
  return {
    messageId: payload.messageId,
    msisdn: payload.msisdn,
    to: payload.to,
    text: payload.text,
    type: payload.type,
    sentAt: payload["message-timestamp"] ? parseVonageTimestamp(payload["message-timestamp"]) : null,
    concat,
    payload: Object.fromEntries(
      Object.entries(payload)
        .filter(([key, value]) => key !== "sig" && value !== undefined)
        .map(([key, value]) => [key, String(value)]),
    ),
  };
}

function parseVonageTimestamp(value: string): Date | null {
  const date = new Date(`${value.replace(" ", "T")}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const DELIVERY_STATUSES = ["accepted", "delivered", "buffered", "expired", "undelivered", "rejected", "unknown", "failed"] as const;

export const DeliveryReceiptPayloadSchema = z.object({
  messageId: Id,
  msisdn: Digits,
  to: Scalar,
  status: z.enum(DELIVERY_STATUSES),
  "err-code": Scalar.pipe(z.string().regex(/^\d{1,3}$/))
    .transform(Number)
    .default(0),
  "client-ref": Scalar.pipe(z.string().max(40)).optional(),
  "network-code": Scalar.optional(),
  price: Scalar.optional(),
  scts: Scalar.optional(),
  "message-timestamp": VonageTimestamp.optional(),
  "api-key": Scalar.optional(),
  sig: Scalar.optional(),
  timestamp: Scalar.optional(),
  nonce: Scalar.optional(),
});
export type DeliveryReceiptPayload = z.infer<typeof DeliveryReceiptPayloadSchema>;

/** What a delivery receipt means for us (notes/sms-and-operations.md "Delivery receipts"). */
export type DeliveryOutcome = "delivered" | "pending" | "failed_retryable" | "failed_permanent" | "carrier_opt_out" | "dead_number";

export interface DeliveryReceipt {
  /** Vonage's id of the message part this receipt is about. */
  providerMessageId: string;
  /** Our outbound message id, given at send; null for texts not sent by us. */
  clientRef: string | null;
  /** The recipient as Vonage gives it (`1XXXXXXXXXX`). */
  msisdn: string;
  status: (typeof DELIVERY_STATUSES)[number];
  errorCode: number;
  outcome: DeliveryOutcome;
  /** When Vonage reported it; null when absent. */
  reportedAt: Date | null;
}

/** err-code 9 is the carrier's opt-out (product.md 1.2: the number becomes opted_out), 3 a dead number; 2, 7, 8 may pass. */
export function classifyDeliveryReceipt(status: DeliveryReceipt["status"], errorCode: number): DeliveryOutcome {
  if (status === "delivered") return "delivered";
  if (status === "accepted" || status === "buffered") return "pending";
  if (errorCode === 9) return "carrier_opt_out";
  if (errorCode === 3) return "dead_number";
  if (errorCode === 2 || errorCode === 7 || errorCode === 8) return "failed_retryable";
  return "failed_permanent";
}

export function toDeliveryReceipt(payload: DeliveryReceiptPayload): DeliveryReceipt {
  return {
    providerMessageId: payload.messageId,
    clientRef: payload["client-ref"] ?? null,
    msisdn: payload.msisdn,
    status: payload.status,
    errorCode: payload["err-code"],
    outcome: classifyDeliveryReceipt(payload.status, payload["err-code"]),
    reportedAt: payload["message-timestamp"] ? parseVonageTimestamp(payload["message-timestamp"]) : null,
  };
}
