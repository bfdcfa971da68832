// What a page state means at each step of the scrape, and how a thrown error maps to a code (ftp-site.md §10).
// Pure: the browser adapter reads a PageState snapshot and asks here whether to wait, go on, or fail.
import { ScrapeError, type ScrapeErrorCode, type ScrapeStep } from "./scrape-errors";

/** One snapshot of the markers the scraper watches, read in the page in a single evaluation. */
export interface PageState {
  emailInput: boolean;
  passwordInput: boolean;
  loginAlert: boolean;
  checkEmail: boolean;
  loggedIn: boolean;
  onLoginUrl: boolean;
  header: boolean;
  maintenance: boolean;
  zipDrawer: boolean;
  lineItems: number;
  emptyCart: boolean;
}

export type Decision<T extends string> =
  | { kind: "wait" }
  | { kind: "go"; outcome: T }
  | { kind: "fail"; code: ScrapeErrorCode; reason: string };

const wait = { kind: "wait" } as const;
const go = <T extends string>(outcome: T) => ({ kind: "go", outcome }) as const;
const fail = (code: ScrapeErrorCode, reason: string) => ({ kind: "fail", code, reason }) as const;

/** A maintenance text with no login form and no header is the site being down, whatever the HTTP status. */
export function isMaintenancePage(state: PageState): boolean {
  return state.maintenance && !state.emailInput && !state.passwordInput && !state.header;
}

/**
 * `settled`: no network activity for the quiet period. Until then a missing element may still be coming, so
 * only a positive marker decides; once settled, what is still missing decides.
 */
export function decideLoginForm(state: PageState, settled: boolean): Decision<"ready" | "logged-in"> {
  if (state.emailInput) return go("ready");
  if (isMaintenancePage(state)) return fail("site_unavailable", "maintenance page");
  if (!settled) return wait;
  if (state.loggedIn && !state.onLoginUrl) return go("logged-in");
  return fail("layout_changed", "login form not found");
}

export function decideAfterEmail(state: PageState, settled: boolean): Decision<"password"> {
  if (state.passwordInput) return go("password");
  if (state.checkEmail) return fail("invalid_credentials", "account has no password (magic link)");
  if (state.loginAlert) return fail("invalid_credentials", "login form shows an error");
  if (isMaintenancePage(state)) return fail("site_unavailable", "maintenance page");
  if (!settled) return wait;
  return fail("invalid_credentials", "password step never appeared");
}

export function decideAfterPassword(state: PageState, settled: boolean): Decision<"logged-in"> {
  if (state.loggedIn && !state.onLoginUrl && !state.passwordInput) return go("logged-in");
  if (state.loginAlert) return fail("invalid_credentials", "login form shows an error");
  if (state.checkEmail) return fail("invalid_credentials", "account has no password (magic link)");
  if (isMaintenancePage(state)) return fail("site_unavailable", "maintenance page");
  if (!settled) return wait;
  if (state.passwordInput || state.emailInput) return fail("invalid_credentials", "still on the login step");
  return fail("invalid_credentials", "no logged-in indicator after login");
}

export function decideCartOpened(state: PageState, settled: boolean, requestsInFlight: number): Decision<"items" | "empty"> {
  if (state.zipDrawer) return fail("invalid_credentials", "zip-code drawer: the login was not kept");
  if (state.lineItems > 0 && requestsInFlight === 0) return go("items");
  if (state.emptyCart && state.lineItems === 0 && requestsInFlight === 0) return go("empty");
  if (isMaintenancePage(state)) return fail("site_unavailable", "maintenance page");
  if (!settled) return wait;
  if (state.onLoginUrl || state.emailInput) return fail("invalid_credentials", "sent back to the login form");
  return fail("layout_changed", "no cart line items and no empty-cart text");
}

/** The customize panel of one box, as read in the page. */
export interface PanelState {
  present: boolean;
  cards: number;
  footerSelected: boolean;
  busy: boolean;
}

/** Ready once it shows cards and its footer, no spinner, nothing loading, and the card count held still. */
export function decidePanel(state: PanelState, stableMs: number, requestsInFlight: number, settled: boolean): Decision<"ready" | "empty"> {
  if (state.present && state.cards > 0 && state.footerSelected && !state.busy && requestsInFlight === 0 && stableMs >= PANEL_STABLE_MS) {
    return go("ready");
  }
  if (!settled) return wait;
  return go("empty");
}

/** A grid whose card count holds still this long is complete (ftp-site.md §10). */
export const PANEL_STABLE_MS = 500;

/** Chromium's network error names that mean the site cannot be reached at all. */
const UNREACHABLE =
  /net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|NAME_NOT_RESOLVED|ADDRESS_UNREACHABLE|EMPTY_RESPONSE|INTERNET_DISCONNECTED|CONNECTION_TIMED_OUT|SSL_PROTOCOL_ERROR|TUNNEL_CONNECTION_FAILED)/;

/**
 * Any failure as a ScrapeError. Playwright reports navigation failures only as messages carrying Chromium's
 * net::ERR_* name, so those names are the one place we read an error's text.
 */
export function classifyFailure(error: unknown, context: { step: ScrapeStep; deadlinePassed: boolean }): ScrapeError {
  if (error instanceof ScrapeError) return error;
  if (context.deadlinePassed)
    return new ScrapeError("timeout", "the scrape exceeded its time budget", { step: context.step, cause: error });
  const message = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE.test(message)) {
    const name = UNREACHABLE.exec(message)?.[0] ?? "network error";
    return new ScrapeError("site_unavailable", `site unreachable (${name})`, { step: context.step, cause: error });
  }
  if (error instanceof Error && error.name === "TimeoutError") {
    return new ScrapeError("timeout", "a browser action exceeded its time budget", { step: context.step, cause: error });
  }
  return new ScrapeError("internal", "unexpected scraper failure", { step: context.step, cause: error });
}

/** A document answered with 5xx is the site being down (a 503 maintenance page included). */
export function isUnavailableStatus(status: number): boolean {
  return status >= 500;
}

export function failureFrom(decision: { code: ScrapeErrorCode; reason: string }, step: ScrapeStep): ScrapeError {
  return new ScrapeError(decision.code, decision.reason, { step });
}
