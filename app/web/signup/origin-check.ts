// CSRF protection for the JSON API. A double-submit token needs a cookie, and product.md 2.3 allows no cookies
// (and no browser storage) on these pages; so we check where the request comes from instead (OWASP's "verifying
// origin with standard headers" plus Fetch Metadata): the Origin header must be our public origin, or, where a
// browser omits Origin, Sec-Fetch-Site must say same-origin. Requiring application/json adds a second wall: a
// cross-site page cannot send that content type without a CORS preflight, which we never answer.
import type { RequestHandler } from "express";
import { CrossSiteRequestError, UnsupportedMediaTypeError } from "./errors";

/** The origin (scheme://host[:port]) of a URL. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** Pure decision, exported for tests: may a state-changing request with these headers proceed? */
export function isSameOriginRequest(headers: { origin?: string; secFetchSite?: string }, allowedOrigins: readonly string[]): boolean {
  if (headers.origin !== undefined && headers.origin !== "null") return allowedOrigins.includes(headers.origin);
  return headers.secFetchSite === "same-origin";
}

export function requireSameOrigin(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!isSameOriginRequest({ origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site") }, allowedOrigins)) {
      return next(new CrossSiteRequestError());
    }
    if (!req.is("application/json")) return next(new UnsupportedMediaTypeError());
    next();
  };
}
