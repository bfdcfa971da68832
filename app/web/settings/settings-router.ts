// GET /settings/:token and POST /api/settings/:token[/delete] (spec/product.md 2.4). Thin: headers, origin
// check, validation, then the ports. Opening the page never consumes the token (link previews fetch URLs); a
// save or a deletion consumes it atomically, so a second use answers 410.
import express, { type RequestHandler, Router } from "express";
import { ValidationError } from "../../errors";
import type { Logger } from "../../ops/logger";
import { hashLinkToken, isLinkTokenShaped } from "../../security/link-tokens";
import { requireSameOrigin } from "../signup/origin-check";
import { securityHeaders } from "../signup/signup-router";
import { SettingsLinkExpiredError, SettingsLinkNotFoundError } from "./errors";
import { renderSettingsExpiredPage, renderSettingsPage, SETTINGS_CSS, SETTINGS_JS, type SettingsView } from "./settings-page";
import { parseDeleteBody, parseSettingsBody, SETTINGS_FIELD_MESSAGES, type SettingsChange } from "./settings-schema";

export const SETTINGS_PAGE_PATH = "/settings";

/** What a save did: the token was used up and the change stored, or neither happened. */
export type SaveOutcome =
  | { outcome: "saved"; userId: string }
  /** The token was unknown, expired or already used. */
  | { outcome: "link_gone" }
  /** An email alone, but no login is stored to attach it to: nothing changed and the token stays usable. */
  | { outcome: "no_login_stored" };

/** Narrow functions over the store; settingsPortsFromStore builds them from the repositories. */
export interface SettingsPorts {
  /** The user a usable (unused, unexpired) token belongs to. Never consumes it. */
  findTokenUser(tokenHash: string): Promise<string | undefined>;
  /** Undefined when the account no longer exists. */
  loadSettings(userId: string): Promise<SettingsView | undefined>;
  /**
   * Consumes the token and stores the change as one unit: of two concurrent saves only one wins, and a failed
   * save leaves the token usable. Saving a login clears the credentials-rejected flag.
   */
  saveWithToken(tokenHash: string, change: SettingsChange): Promise<SaveOutcome>;
  /**
   * Consumes the token, opts the number out (suppression and a consent event) and erases the account, as one
   * unit. Undefined when the token was not usable.
   */
  eraseWithToken(tokenHash: string, optOut: { at: Date; evidence: Record<string, string> }): Promise<string | undefined>;
  /** After every save or erasure: compose passes planner.invalidateUser (cached plans, product.md 4.3). */
  onSaved(userId: string): Promise<void> | void;
}

export interface SettingsRouterOptions {
  /** Origins allowed to POST (PUBLIC_BASE_URL's origin; tests add theirs). */
  allowedOrigins: readonly string[];
  now: () => Date;
  /** Receives the audit lines: field names only, never values. */
  logger: Logger;
}

const NO_STORE = "private, no-store";

export function settingsRouter(ports: SettingsPorts, options: SettingsRouterOptions): Router {
  const router = Router();
  const helmetHeaders = securityHeaders();
  const json = express.json({ limit: "16kb", strict: true });
  const sameOrigin = requireSameOrigin(options.allowedOrigins);

  router.get("/settings/settings.css", helmetHeaders, (_req, res) => {
    res.set("cache-control", "public, max-age=300").type("css").send(SETTINGS_CSS);
  });
  router.get("/settings/settings.js", helmetHeaders, (_req, res) => {
    res.set("cache-control", "public, max-age=300").type("js").send(SETTINGS_JS);
  });

  router.get("/settings/:token", helmetHeaders, noIndexNoStore, async (req, res) => {
    const token = String(req.params.token);
    const userId = isLinkTokenShaped(token) ? await ports.findTokenUser(hashLinkToken(token)) : undefined;
    const view = userId === undefined ? undefined : await ports.loadSettings(userId);
    if (view === undefined) {
      res
        .status(isLinkTokenShaped(token) ? 410 : 404)
        .type("html")
        .send(renderSettingsExpiredPage());
      return;
    }
    res.type("html").send(renderSettingsPage(view));
  });

  const save: RequestHandler = async (req, res) => {
    const tokenHash = usableTokenHash(String(req.params.token));
    const parsed = parseSettingsBody(req.body);
    if (!parsed.ok) throw new ValidationError("Some fields need attention", parsed.fields);
    const change = parsed.body;

    const result = await ports.saveWithToken(tokenHash, change);
    if (result.outcome === "link_gone") throw new SettingsLinkExpiredError();
    if (result.outcome === "no_login_stored") {
      throw new ValidationError("Some fields need attention", { ftpPassword: SETTINGS_FIELD_MESSAGES.ftpPassword });
    }
    await ports.onSaved(result.userId);
    options.logger.info({ audit: "settings_saved", userId: result.userId, fields: changedFields(change) }, "settings saved");
    res.set("cache-control", NO_STORE).status(200).json({ saved: true });
  };

  const erase: RequestHandler = async (req, res) => {
    const tokenHash = usableTokenHash(String(req.params.token));
    const parsed = parseDeleteBody(req.body);
    if (!parsed.ok) throw new ValidationError("Some fields need attention", parsed.fields);
    const userId = await ports.eraseWithToken(tokenHash, {
      at: options.now(),
      evidence: { pagePath: SETTINGS_PAGE_PATH, clientIp: req.ip ?? "", userAgent: req.get("user-agent") ?? "" },
    });
    if (userId === undefined) throw new SettingsLinkExpiredError();
    await ports.onSaved(userId);
    options.logger.info({ audit: "settings_account_deleted", userId }, "account deleted from the settings page");
    res.set("cache-control", NO_STORE).status(200).json({ deleted: true });
  };

  router.post("/api/settings/:token", helmetHeaders, noIndexNoStore, sameOrigin, json, save);
  router.post("/api/settings/:token/delete", helmetHeaders, noIndexNoStore, sameOrigin, json, erase);
  return router;
}

const noIndexNoStore: RequestHandler = (_req, res, next) => {
  res.set({ "cache-control": NO_STORE, "x-robots-tag": "noindex" });
  next();
};

/** A malformed token is answered like an unknown route: we could never have issued it. */
function usableTokenHash(token: string): string {
  if (!isLinkTokenShaped(token)) throw new SettingsLinkNotFoundError();
  return hashLinkToken(token);
}

/** The audit trail's view of a save: which fields, never what they hold. */
export function changedFields(change: SettingsChange): string[] {
  const fields = ["preferences"];
  if (change.credentials.kind !== "keep") fields.push("ftpEmail");
  if (change.credentials.kind === "replace") fields.push("ftpPassword");
  return fields;
}
