// Bearer API_KEY protection for operator surfaces (/metrics, /admin). The comparison is timing-safe and the
// presented key is never logged or echoed; a missing server key closes the surface instead of opening it.
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { UnauthorizedError } from "../errors";

/**
 * Compares digests rather than the keys themselves: timingSafeEqual needs equal lengths, and comparing lengths
 * first would tell an attacker how long the key is.
 */
export function isApiKeyValid(presented: string | undefined, expected: string | undefined): boolean {
  if (!expected || !presented) return false;
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

export interface ApiKeyAuthOptions {
  /** The configured API_KEY; when undefined every request is refused. */
  apiKey: string | undefined;
}

export function requireApiKey(options: ApiKeyAuthOptions): RequestHandler {
  return (req, res, next) => {
    if (isApiKeyValid(bearerToken(req.headers.authorization), options.apiKey)) return next();
    res.set("WWW-Authenticate", 'Bearer realm="operations"');
    next(new UnauthorizedError());
  };
}
