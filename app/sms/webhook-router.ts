// The Vonage webhook routes (spec/contracts.md §3): GET|POST /webhooks/vonage/inbound and /status. Thin: verify
// the signature, parse, hand the message to a port, answer. Storing, deduplicating and enqueuing belong to the
// port, so the answer leaves well inside Vonage's 15 s budget (we aim for ~1 s: contract §3).
import express, { type Request, type RequestHandler, Router } from "express";
import type { z } from "zod";
import { InvalidSignatureError, InvalidWebhookPayloadError } from "./errors";
import { type SignatureCheck, type SignatureMethod, verifyMessagesJwt, verifySmsSignature } from "./signature";
import {
  type DeliveryReceipt,
  DeliveryReceiptPayloadSchema,
  type InboundSms,
  InboundSmsPayloadSchema,
  toDeliveryReceipt,
  toInboundSms,
} from "./webhook-payloads";

export interface VonageWebhookPorts {
  /**
   * Stores the message and enqueues its processing in one transaction, idempotent on messageId.
   * Resolves `{ duplicate: true }` when that messageId was already stored (nothing else happens then).
   */
  acceptInbound(message: InboundSms): Promise<{ duplicate: boolean }>;
  /** Updates the outbound message the receipt is about (by clientRef, else providerMessageId). */
  recordDeliveryReceipt(receipt: DeliveryReceipt): Promise<void>;
}

export interface VonageWebhookOptions {
  /** From VONAGE_SIGNATURE_SECRET / VONAGE_SIGNATURE_METHOD; null: webhooks are accepted unsigned. */
  signature: { secret: string; method: SignatureMethod } | null;
  now: () => Date;
  /** @default 64 KiB: a 6-part text is under 1 KiB; anything far larger is not from Vonage. */
  bodyLimit?: string;
}

/** The raw bytes of the body, kept by the parsers' `verify` hook for the JWT payload_hash. */
const RAW_BODY = Symbol("rawBody");
type WithRawBody = Request & { [RAW_BODY]?: Buffer };

export function vonageWebhookRouter(ports: VonageWebhookPorts, options: VonageWebhookOptions): Router {
  const router = Router();
  const limit = options.bodyLimit ?? "64kb";
  const keepRaw = (req: WithRawBody, _res: unknown, buf: Buffer) => {
    req[RAW_BODY] = buf;
  };
  const parsers = [express.json({ limit, verify: keepRaw }), express.urlencoded({ extended: false, limit, verify: keepRaw })];

  const inbound: RequestHandler = async (req, res) => {
    const params = verifiedParams(req, options);
    const message = toInboundSms(parse(InboundSmsPayloadSchema, params));
    await ports.acceptInbound(message);
    // Duplicates get the same 200: Vonage only needs to stop retrying.
    res.status(200).end();
  };
  const status: RequestHandler = async (req, res) => {
    const params = verifiedParams(req, options);
    await ports.recordDeliveryReceipt(toDeliveryReceipt(parse(DeliveryReceiptPayloadSchema, params)));
    res.status(200).end();
  };

  router.get("/webhooks/vonage/inbound", inbound);
  router.post("/webhooks/vonage/inbound", ...parsers, inbound);
  router.get("/webhooks/vonage/status", status);
  router.post("/webhooks/vonage/status", ...parsers, status);
  return router;
}

/** Query and body merged (Vonage sends one or the other), every value a string, and the signature checked. */
function verifiedParams(req: WithRawBody, options: VonageWebhookOptions): Record<string, string> {
  const params = { ...flatten(req.query), ...flatten(req.body) };
  if (options.signature === null) return params;
  const check = checkSignature(req, params, options.signature, options.now());
  if (!check.ok) throw new InvalidSignatureError(check.problem);
  return params;
}

function checkSignature(
  req: WithRawBody,
  params: Record<string, string>,
  signature: { secret: string; method: SignatureMethod },
  now: Date,
): SignatureCheck {
  // Messages-API-style signing puts a JWT in the header; SMS-API signing puts `sig` among the parameters.
  const authorization = req.get("authorization");
  if (authorization?.startsWith("Bearer ")) {
    return verifyMessagesJwt(authorization, req[RAW_BODY] ?? Buffer.alloc(0), { secret: signature.secret, now });
  }
  return verifySmsSignature(params, { secret: signature.secret, method: signature.method, now });
}

/** Keeps string-like values; a repeated query key (an array) or a nested object cannot be part of a Vonage payload. */
function flatten(source: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof source !== "object" || source === null) return out;
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") out[key] = String(value);
  }
  return out;
}

function parse<S extends z.ZodType>(schema: S, params: Record<string, string>): z.infer<S> {
  const result = schema.safeParse(params);
  // Field names only: the values are phone numbers and message text.
  if (!result.success) throw new InvalidWebhookPayloadError([...new Set(result.error.issues.map((i) => i.path.join(".")))]);
  return result.data;
}
