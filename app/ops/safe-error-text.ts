// Turns any thrown value into a short text that is safe to show operators (readiness bodies, alerts):
// credentials inside URLs, query strings and phone numbers are removed before the text leaves the process.
import { maskPhonesInText } from "../security/redact";

/** Long driver messages (pg dumps whole connection strings) are cut: an operator needs the gist, not the dump. */
const MAX_ERROR_TEXT_CHARS = 200;

// scheme://user:password@host → scheme://***@host; any query string is dropped (tokens and keys live there).
const URL_WITH_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
const QUERY_STRING = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#]*)\?[^\s#]*/gi;
const BEARER = /\bbearer\s+[^\s,;]+/gi;
const KEY_VALUE_SECRET = /\b(password|passwd|pwd|secret|token|api[_-]?key|apikey|key)=([^\s&;,]+)/gi;

export function sanitizeErrorText(text: string): string {
  const cleaned = maskPhonesInText(
    text
      .replace(URL_WITH_USERINFO, "$1***@")
      .replace(QUERY_STRING, "$1?***")
      .replace(BEARER, "Bearer ***")
      .replace(KEY_VALUE_SECRET, "$1=***"),
  );
  return cleaned.length > MAX_ERROR_TEXT_CHARS ? `${cleaned.slice(0, MAX_ERROR_TEXT_CHARS - 1)}…` : cleaned;
}

/** The error's class or code and its sanitised message, e.g. `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432`. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const label = typeof code === "string" && code.length > 0 ? code : err.name;
    const message = err.message || (err instanceof AggregateError ? err.errors.map((e) => describeError(e)).join("; ") : "");
    return sanitizeErrorText(message ? `${label}: ${message}` : label);
  }
  return sanitizeErrorText(typeof err === "string" ? err : "unknown error");
}
