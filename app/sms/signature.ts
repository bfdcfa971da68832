// Verifying signed Vonage webhooks (notes/sms-and-operations.md "Signed webhooks"): the SMS API's `sig`
// parameter and the Messages API's JWT with its payload_hash. Pure apart from hashing; the clock is handed in.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { verifySignature as verifyJwtSignature } from "@vonage/jwt";
import type { SignatureProblem } from "./errors";

/** The methods the Vonage dashboard offers (config VONAGE_SIGNATURE_METHOD). `md5hash` is the legacy unkeyed one. */
export type SignatureMethod = "md5hash" | "md5" | "sha1" | "sha256" | "sha512";

/**
 * Signed inbound webhooks carry `timestamp` (unix seconds). Vonage retries a failed delivery after 60 s and then
 * with growing delays, each retry freshly signed, so 5 minutes admits honest clock skew while a captured request
 * stops working soon after; messageId deduplication covers replays inside the window.
 */
export const SIGNATURE_MAX_AGE_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; problem: SignatureProblem };

/**
 * The string Vonage signs, as the SDK builds it (`@vonage/sms` verifySignature): every parameter but `sig`,
 * sorted by key, as `&key=value`, with `&` and `=` inside values replaced by `_`.
 */
export function smsSigningString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((key) => key !== "sig")
    .sort()
    .map((key) => `&${key}=${params[key]!.replace(/[&=]/g, "_")}`)
    .join("");
}

/** The hex signature Vonage would send for these parameters. */
export function signSmsParams(params: Readonly<Record<string, string>>, secret: string, method: SignatureMethod): string {
  const text = smsSigningString(params);
  if (method === "md5hash")
    return createHash("md5")
      .update(text + secret)
      .digest("hex");
  return createHmac(method, secret).update(text).digest("hex");
}

export interface SmsSignatureOptions {
  secret: string;
  method: SignatureMethod;
  now: Date;
  /** @default SIGNATURE_MAX_AGE_SECONDS */
  maxAgeSeconds?: number;
}

/**
 * Checks `sig` over all received parameters (query and body merged). We compute the digest ourselves rather than
 * call the SDK's verifySignature because the SDK compares strings with `===`, which leaks timing; the unit tests
 * hold our result equal to the SDK's for any parameters.
 */
export function verifySmsSignature(params: Readonly<Record<string, string>>, options: SmsSignatureOptions): SignatureCheck {
  const sig = params.sig;
  if (sig === undefined || sig === "") return { ok: false, problem: "missing" };
  const expected = Buffer.from(signSmsParams(params, options.secret, options.method), "hex");
  const given = /^[0-9a-fA-F]+$/.test(sig) && sig.length % 2 === 0 ? Buffer.from(sig, "hex") : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: "mismatch" };
  // Checked after the signature so an attacker learns nothing about the window from the answer.
  const timestamp = params.timestamp;
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return { ok: false, problem: "no_timestamp" };
  const maxAge = options.maxAgeSeconds ?? SIGNATURE_MAX_AGE_SECONDS;
  if (Math.abs(options.now.getTime() / 1000 - Number(timestamp)) > maxAge) return { ok: false, problem: "stale" };
  return { ok: true };
}

export interface JwtSignatureOptions {
  secret: string;
  now: Date;
  /** @default SIGNATURE_MAX_AGE_SECONDS */
  maxAgeSeconds?: number;
}

/**
 * Checks a Messages-API signed webhook: `Authorization: Bearer <HS256 JWT>` signed with the signature secret,
 * whose `payload_hash` claim is the SHA-256 of the raw request body. `@vonage/jwt` checks the signature only
 * (and would also accept RS256), so the algorithm, the body hash and the age are checked here.
 */
export function verifyMessagesJwt(authorization: string | undefined, rawBody: Buffer, options: JwtSignatureOptions): SignatureCheck {
  const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization ?? "")?.[1];
  if (token === undefined) return { ok: false, problem: "missing" };
  const [headerPart, payloadPart] = token.split(".") as [string, string];
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (header?.alg !== "HS256" || payload === null) return { ok: false, problem: "malformed" };
  if (!verifyJwtSignature(token, options.secret)) return { ok: false, problem: "mismatch" };
  const claimed = typeof payload.payload_hash === "string" ? payload.payload_hash.toLowerCase() : "";
  const actual = createHash("sha256").update(rawBody).digest("hex");
  if (claimed.length !== actual.length || !timingSafeEqual(Buffer.from(claimed), Buffer.from(actual))) {
    return { ok: false, problem: "mismatch" };
  }
  if (typeof payload.iat !== "number") return { ok: false, problem: "no_timestamp" };
  const maxAge = options.maxAgeSeconds ?? SIGNATURE_MAX_AGE_SECONDS;
  if (Math.abs(options.now.getTime() / 1000 - payload.iat) > maxAge) return { ok: false, problem: "stale" };
  return { ok: true };
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
