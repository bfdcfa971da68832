// GET /signup and POST /api/signup (spec/contracts.md §3, product.md 2.1-2.2). Thin: headers, origin check, rate
// limits, validation, then the registerSignup port, which stores the pending account and sends CONFIRM.
import { createHash } from "node:crypto";
import express, { type RequestHandler, Router } from "express";
import { MemoryStore, rateLimit, type Store } from "express-rate-limit";
import helmet from "helmet";
import { ValidationError } from "../../errors";
import type { CanonicalPhone } from "../../identity";
import { type Preferences, SMS_CONSENT_TEXT, SMS_CONSENT_VERSION } from "../../preferences";
import { PhoneAlreadyActiveError, SignupRateLimitedError } from "./errors";
import { requireSameOrigin } from "./origin-check";
import { renderSignupPage, SIGNUP_CSS, SIGNUP_JS } from "./signup-page";
import { parseSignupBody, type SignupBody } from "./signup-schema";

export const SIGNUP_PAGE_PATH = "/signup";

/** Evidence of web consent for the consent record (product.md 1.3). */
export interface WebConsentEvidence {
  textVersion: string;
  /** SHA-256 (hex) of the exact consent text shown. */
  textSha256: string;
  pagePath: string;
  clientIp: string;
  userAgent: string | null;
}

export interface SignupRegistration {
  phone: CanonicalPhone;
  ftpEmail: string;
  /** Plain only in memory, on its way to encryption. */
  ftpPassword: string;
  preferences: Preferences;
  consent: WebConsentEvidence;
}

/**
 * What registerSignup did, per the 1.2 table: a new or replaced pending account (CONFIRM sent unless the number
 * is suppressed or it had 3 in 24 h), details kept as a pending update for an opted-out account (no text), or
 * nothing because the account is active.
 */
export type SignupResult =
  | { outcome: "pending_created" | "pending_replaced" | "opted_out_update_kept"; userId: string }
  | { outcome: "already_active" };

export interface SignupPorts {
  registerSignup(registration: SignupRegistration): Promise<SignupResult>;
}

export interface SignupRouterOptions {
  /** Origins allowed to POST (PUBLIC_BASE_URL's origin; tests add theirs). */
  allowedOrigins: readonly string[];
  /** Rate-limit counters; in-memory by default (one process). Pass a shared store when running several. */
  stores?: { perIp?: Store; perPhone?: Store };
  /** @default 10 per hour (product.md 2.2) */
  perIpPerHour?: number;
  /** @default 5 per hour: with the 3-per-24-h CONFIRM cap, enough for typos, too few to flood a number. */
  perPhonePerHour?: number;
}

const HOUR_MS = 60 * 60 * 1000;
const CONSENT_TEXT_SHA256 = createHash("sha256").update(SMS_CONSENT_TEXT).digest("hex");

export function signupRouter(ports: SignupPorts, options: SignupRouterOptions): Router {
  const router = Router();
  const headers = securityHeaders();
  const rejectOverLimit = (_req: express.Request, _res: express.Response, next: express.NextFunction) => next(new SignupRateLimitedError());
  const perIp = rateLimit({
    windowMs: HOUR_MS,
    limit: options.perIpPerHour ?? 10,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    store: options.stores?.perIp ?? new MemoryStore(),
    handler: rejectOverLimit,
  });
  const perPhone = rateLimit({
    windowMs: HOUR_MS,
    limit: options.perPhonePerHour ?? 5,
    standardHeaders: false,
    legacyHeaders: false,
    store: options.stores?.perPhone ?? new MemoryStore(),
    // Counted under a hash: the store must not hold phone numbers.
    keyGenerator: (_req, res) =>
      createHash("sha256")
        .update((res.locals.signup as SignupBody).phone)
        .digest("hex"),
    handler: rejectOverLimit,
  });

  router.get(SIGNUP_PAGE_PATH, headers, (_req, res) => {
    res.set("cache-control", "no-store").type("html").send(renderSignupPage());
  });
  router.get("/signup/signup.css", headers, (_req, res) => {
    res.set("cache-control", "public, max-age=300").type("css").send(SIGNUP_CSS);
  });
  router.get("/signup/signup.js", headers, (_req, res) => {
    res.set("cache-control", "public, max-age=300").type("js").send(SIGNUP_JS);
  });

  const validate: RequestHandler = (req, res, next) => {
    const parsed = parseSignupBody(req.body);
    if (!parsed.ok) return next(new ValidationError("Some fields need attention", parsed.fields));
    res.locals.signup = parsed.body;
    next();
  };
  const register: RequestHandler = async (req, res) => {
    const body = res.locals.signup as SignupBody;
    const result = await ports.registerSignup({
      phone: body.phone,
      ftpEmail: body.ftpEmail,
      ftpPassword: body.ftpPassword,
      preferences: body.preferences,
      consent: {
        textVersion: SMS_CONSENT_VERSION,
        textSha256: CONSENT_TEXT_SHA256,
        pagePath: SIGNUP_PAGE_PATH,
        clientIp: req.ip ?? "",
        userAgent: req.get("user-agent") ?? null,
      },
    });
    if (result.outcome === "already_active") throw new PhoneAlreadyActiveError();
    res.set("cache-control", "no-store").status(201).json({ userId: result.userId });
  };

  router.post(
    "/api/signup",
    headers,
    requireSameOrigin(options.allowedOrigins),
    perIp,
    express.json({ limit: "16kb", strict: true }),
    validate,
    perPhone,
    register,
  );
  return router;
}

/**
 * helmet 8's defaults, with scripts and styles from our own origin only (the page has no inline code) and no
 * referrer, so no link followed from the page carries its URL.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    referrerPolicy: { policy: "no-referrer" },
  });
}
