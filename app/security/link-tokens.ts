// Tokens for links we text (plan pages, settings): 128 random bits, base64url (22 characters). Only their SHA-256
// is stored, so a leaked database row cannot be turned back into a working link (spec/product.md 2.4, 6.2).
import { createHash, createHmac, randomBytes } from "node:crypto";

const TOKEN_BYTES = 16;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function newLinkToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check before any lookup: a malformed token is answered like an unknown one. */
export function isLinkTokenShaped(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * A plan's link token, derived with a keyed hash from what identifies the plan row, so the link can be issued
 * again (a cached plan, the LIMIT text) without ever storing the token itself.
 */
export function derivePlanToken(secretKey: string, plan: { userId: string; cartHash: string; generatedAt: string }): string {
  return createHmac("sha256", secretKey)
    .update(`plan:${plan.userId}:${plan.cartHash}:${plan.generatedAt}`)
    .digest()
    .subarray(0, TOKEN_BYTES)
    .toString("base64url");
}
