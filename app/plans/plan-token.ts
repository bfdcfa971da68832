// Plan link tokens (spec/product.md 6.2): 128 random bits as base64url (22 characters, all GSM-7), stored only as
// their SHA-256, so a leaked database row cannot be turned back into a working link.
import { createHash, randomBytes } from "node:crypto";

export const PLAN_TOKEN_BYTES = 16;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

export function createPlanToken(): string {
  return randomBytes(PLAN_TOKEN_BYTES).toString("base64url");
}

export function hashPlanToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Anything else is answered 404 without a database lookup. */
export function isPlanTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
