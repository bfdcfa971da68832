// What leaves the process in an error report or trace: the scrubbers Sentry runs last (beforeSend,
// beforeSendTransaction, beforeSendSpan, beforeBreadcrumb). Phones become a keyed hash; SMS bodies, credentials,
// cookies, request bodies and query strings are removed; free text is masked. Pure: the SDK only calls these.
import { createHmac, randomBytes } from "node:crypto";
import type { Breadcrumb, ErrorEvent, Event, NodeOptions } from "@sentry/node";
import { maskPhonesInText } from "../security/redact";
import { sanitizeErrorText } from "./safe-error-text";

export type StreamedSpan = Parameters<NonNullable<NodeOptions["beforeSendSpan"]>>[0];
export type PhoneHasher = (phone: string) => string;

export const REDACTED = "[redacted]";

/**
 * HMAC-SHA256 of the phone's digits under SECRET_KEY, 16 hex characters: the same customer gets the same id in
 * every report (so issues can be grouped by user), but nobody without the key can get back to the number.
 * Without a key (development) a random per-process key keeps the property, just not across restarts.
 */
export function createPhoneHasher(secretKey: string | undefined): PhoneHasher {
  const key = secretKey ?? randomBytes(32).toString("hex");
  return (phone) => `ph_${createHmac("sha256", key).update(phone.replace(/\D/g, "")).digest("hex").slice(0, 16)}`;
}

// Keys whose values are dropped whole, wherever they appear (extra, contexts, breadcrumbs, span attributes).
const SECRET_KEY_PATTERN =
  /(pass(word|wd)|secret|token|api[_-]?key|authori[sz]ation|cookie|credential|signature|session|e-?mail)|^(sig|text|body|content|message|message_?body|sms|sms_?(text|body)|query|query_?string|raw_?body)$/i;
// Keys holding a phone number: their value is replaced by the keyed hash.
const PHONE_KEY_PATTERN = /(phone|msisdn)|^(to|from|recipient)$/i;
/** Request headers worth keeping in a report; everything else (authorization, cookie, signatures) is dropped. */
const SAFE_HEADERS = new Set(["user-agent", "content-type", "content-length", "accept", "x-request-id", "host"]);
// Path segments that look like tokens or ids (long random strings) or contain a phone number.
const TOKEN_LIKE_SEGMENT = /^[A-Za-z0-9_~.-]{16,}$/;

export function scrubText(text: string): string {
  return maskPhonesInText(text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, "$1***@"));
}

/** `https://x/plans/abc...xyz?token=1` → `https://x/plans/[redacted]`: no query, no token-like path segment. */
export function scrubUrl(url: string): string {
  const withoutQuery = url.split(/[?#]/, 1)[0];
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)?(.*)$/i.exec(withoutQuery);
  const origin = (match?.[1] ?? "").replace(/\/\/[^/@]*@/, "//");
  const path = (match?.[2] ?? "")
    .split("/")
    .map((segment) => {
      const decoded = safeDecode(segment);
      return TOKEN_LIKE_SEGMENT.test(decoded) || /\d{7,}/.test(decoded.replace(/\D+/g, (s) => (s.length <= 3 ? "" : s)))
        ? REDACTED
        : segment;
    })
    .join("/");
  return origin + path;
}

export function scrubValue(value: unknown, hashPhone: PhoneHasher, key = "", depth = 0): unknown {
  if (depth > 8) return REDACTED;
  if (key && PHONE_KEY_PATTERN.test(key))
    return typeof value === "string" || typeof value === "number" ? hashPhone(String(value)) : REDACTED;
  if (key && SECRET_KEY_PATTERN.test(key)) return REDACTED;
  if (typeof value === "string") return /^(https?|postgres(ql)?|redis|wss?):\/\//i.test(value) ? scrubUrl(value) : scrubText(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, hashPhone, "", depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, hashPhone, k, depth + 1)]));
  }
  return value;
}

/** Contexts the SDK fills from the machine and the trace (ids, runtime); masking digits there would break them. */
const SDK_CONTEXTS = new Set(["trace", "runtime", "os", "device", "app", "culture", "cloud_resource", "otel"]);

function scrubContexts(contexts: Event["contexts"], hashPhone: PhoneHasher): Event["contexts"] {
  if (!contexts) return contexts;
  return Object.fromEntries(
    Object.entries(contexts).map(([name, value]) => [name, SDK_CONTEXTS.has(name) ? value : scrubValue(value, hashPhone)]),
  ) as Event["contexts"];
}

/**
 * Values the code knows are sensitive for this one job (the inbound text, the customer's email), registered
 * with `sensitiveValues` on the scope: cut out of every string of the report, wherever they ended up.
 */
export const SENSITIVE_VALUES_METADATA_KEY = "redactValues";
const MIN_SENSITIVE_VALUE_LENGTH = 4;

function cutValues(value: unknown, values: string[], depth = 0): unknown {
  if (depth > 10) return value;
  if (typeof value === "string") return values.reduce((text, v) => text.split(v).join(REDACTED), value);
  if (Array.isArray(value)) return value.map((v) => cutValues(v, values, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cutValues(v, values, depth + 1)]));
  }
  return value;
}

function cutSensitiveValues<E extends Event>(event: E): E {
  const raw = event.sdkProcessingMetadata?.[SENSITIVE_VALUES_METADATA_KEY];
  // Sentry merges scope metadata with a depth-limited merge that turns arrays into index-keyed objects.
  const listed: unknown[] = Array.isArray(raw) ? raw : raw && typeof raw === "object" ? Object.values(raw) : [];
  const values = listed.filter((v): v is string => typeof v === "string" && v.length >= MIN_SENSITIVE_VALUE_LENGTH);
  if (values.length === 0) return event;
  return {
    ...event,
    message: cutValues(event.message, values) as E["message"],
    logentry: cutValues(event.logentry, values) as E["logentry"],
    exception: cutValues(event.exception, values) as E["exception"],
    extra: cutValues(event.extra, values) as E["extra"],
    contexts: cutValues(event.contexts, values) as E["contexts"],
    tags: cutValues(event.tags, values) as E["tags"],
    breadcrumbs: cutValues(event.breadcrumbs, values) as E["breadcrumbs"],
  };
}

function scrubRecord<T>(record: T | undefined, hashPhone: PhoneHasher): T | undefined {
  return record === undefined ? undefined : (scrubValue(record, hashPhone) as T);
}

function scrubRequest(request: Event["request"]): Event["request"] {
  if (!request) return request;
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter(([name]) => SAFE_HEADERS.has(name.toLowerCase())));
  return {
    method: request.method,
    url: request.url ? scrubUrl(request.url) : undefined,
    headers,
  };
}

function scrubUser(user: Event["user"], hashPhone: PhoneHasher): Event["user"] {
  if (!user) return user;
  // Only an id survives, and only as a hash: usernames, emails and IP addresses are personal data.
  const id = user.id === undefined ? undefined : String(user.id);
  if (!id) return undefined;
  return { id: id.startsWith("ph_") || id.startsWith("usr_") ? id : hashPhone(id) };
}

export function scrubBreadcrumb(crumb: Breadcrumb, hashPhone: PhoneHasher): Breadcrumb | null {
  // Console breadcrumbs would copy whatever a library printed; our own logs go through pino, not the console.
  if (crumb.category === "console") return null;
  const data = crumb.data ? { ...crumb.data } : undefined;
  if (data && typeof data.url === "string") data.url = scrubUrl(data.url);
  if (data) {
    for (const name of ["http.query", "http.fragment"]) delete data[name];
  }
  return {
    ...crumb,
    message: crumb.message === undefined ? undefined : scrubText(crumb.message),
    data: data === undefined ? undefined : (scrubValue(data, hashPhone) as Breadcrumb["data"]),
  };
}

export function scrubEvent<E extends Event>(event: E, hashPhone: PhoneHasher): E {
  const e = cutSensitiveValues(event);
  const scrubbed: E = {
    ...e,
    message: e.message === undefined ? undefined : scrubText(e.message),
    logentry: e.logentry ? { ...e.logentry, message: e.logentry.message && scrubText(e.logentry.message), params: [] } : undefined,
    request: scrubRequest(e.request),
    user: scrubUser(e.user, hashPhone),
    extra: scrubRecord(e.extra, hashPhone),
    contexts: scrubContexts(e.contexts, hashPhone),
    tags: scrubRecord(e.tags, hashPhone),
    transaction: e.transaction === undefined ? undefined : scrubUrl(e.transaction),
    breadcrumbs: e.breadcrumbs?.map((b) => scrubBreadcrumb(b, hashPhone)).filter((b): b is Breadcrumb => b !== null),
    exception: e.exception && {
      values: e.exception.values?.map((ex) => ({
        ...ex,
        value: ex.value === undefined ? undefined : sanitizeErrorText(ex.value),
        stacktrace: ex.stacktrace && {
          ...ex.stacktrace,
          // Local variables would carry whatever the function held: phones, passwords, message texts.
          frames: ex.stacktrace.frames?.map(({ vars: _vars, ...frame }) => frame),
        },
      })),
    },
    spans: e.spans?.map((span) => ({
      ...span,
      description: span.description === undefined ? undefined : scrubUrl(span.description),
      data: scrubSpanAttributes(span.data, hashPhone) as typeof span.data,
    })),
  };
  return scrubbed;
}

// Span attribute names that carry URLs: kept without their query string or token-like segments.
const URL_ATTRIBUTES = /^(url\.full|url\.path|http\.url|http\.target|http\.route|url)$/;

function scrubSpanAttributes(attributes: Record<string, unknown> | undefined, hashPhone: PhoneHasher): Record<string, unknown> | undefined {
  if (!attributes) return attributes;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (/query|header\.(authorization|cookie|set[-_]cookie|x-vonage|x-api-key)|body|cookie/i.test(name)) continue;
    // Streamed spans wrap values as { value, type }.
    const raw = value && typeof value === "object" && "value" in value ? (value as { value: unknown }).value : value;
    const clean = URL_ATTRIBUTES.test(name) && typeof raw === "string" ? scrubUrl(raw) : scrubValue(raw, hashPhone, name.split(".").at(-1));
    out[name] = value && typeof value === "object" && "value" in value ? { ...(value as object), value: clean } : clean;
  }
  return out;
}

export function scrubSpan(span: StreamedSpan, hashPhone: PhoneHasher): StreamedSpan {
  return {
    ...span,
    name: scrubUrl(span.name),
    attributes: scrubSpanAttributes(span.attributes as Record<string, unknown>, hashPhone) as StreamedSpan["attributes"],
  };
}

/** The callbacks for Sentry.init, bound to one hasher. */
export function sentryScrubbers(hashPhone: PhoneHasher) {
  return {
    beforeSend: (event: ErrorEvent) => scrubEvent(event, hashPhone),
    beforeSendTransaction: <T extends Event>(event: T) => scrubEvent(event, hashPhone),
    beforeSendSpan: (span: StreamedSpan) => scrubSpan(span, hashPhone),
    beforeBreadcrumb: (crumb: Breadcrumb) => scrubBreadcrumb(crumb, hashPhone),
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
