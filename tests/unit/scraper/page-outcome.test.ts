import { describe, expect, it } from "vitest";
import {
  classifyFailure,
  decideAfterEmail,
  decideAfterPassword,
  decideCartOpened,
  decideLoginForm,
  decidePanel,
  type PageState,
} from "../../../app/scraper/page-outcome";
import { ScrapeError } from "../../../app/scraper/scrape-errors";

const blank: PageState = {
  emailInput: false,
  passwordInput: false,
  loginAlert: false,
  checkEmail: false,
  loggedIn: false,
  onLoginUrl: true,
  header: true,
  maintenance: false,
  zipDrawer: false,
  lineItems: 0,
  emptyCart: false,
};
const state = (overrides: Partial<PageState>): PageState => ({ ...blank, ...overrides });

describe("login decisions", () => {
  it.each([
    ["the email input shows", state({ emailInput: true }), false, { kind: "go", outcome: "ready" }],
    ["nothing yet and the page is loading", state({}), false, { kind: "wait" }],
    [
      "a maintenance text with no form and no header",
      state({ header: false, maintenance: true }),
      false,
      { kind: "fail", code: "site_unavailable", reason: "maintenance page" },
    ],
    ["the page settled without the form", state({}), true, { kind: "fail", code: "layout_changed", reason: "login form not found" }],
  ])("when on the login page %s, then the decision follows", (_case, s, settled, expected) => {
    expect(decideLoginForm(s, settled)).toEqual(expected);
  });

  it.each([
    ["the password input appears", state({ emailInput: true, passwordInput: true }), false, "go"],
    ["'Check your email' appears", state({ checkEmail: true }), false, "invalid_credentials"],
    ["an alert appears", state({ emailInput: true, loginAlert: true }), false, "invalid_credentials"],
    ["the page settles on the email step", state({ emailInput: true }), true, "invalid_credentials"],
    ["the check is still running", state({ emailInput: true }), false, "wait"],
  ])("when after the email step %s, then it is %s", (_case, s, settled, expected) => {
    const d = decideAfterEmail(s, settled);
    expect(d.kind === "fail" ? d.code : d.kind).toBe(expected);
  });

  it.each([
    ["a logged-in indicator shows off the login URL", state({ loggedIn: true, onLoginUrl: false }), false, "go"],
    ["the alert shows", state({ emailInput: true, passwordInput: true, loginAlert: true }), false, "invalid_credentials"],
    ["the password step is stuck after the page settled", state({ emailInput: true, passwordInput: true }), true, "invalid_credentials"],
    ["the page is still navigating", state({ onLoginUrl: false, header: false }), false, "wait"],
  ])("when after the password step %s, then it is %s", (_case, s, settled, expected) => {
    const d = decideAfterPassword(s, settled);
    expect(d.kind === "fail" ? d.code : d.kind).toBe(expected);
  });
});

describe("decideCartOpened", () => {
  it.each([
    ["line items are shown and nothing is loading", state({ lineItems: 3 }), false, 0, "items"],
    ["line items are shown but a request is in flight", state({ lineItems: 3 }), false, 1, "wait"],
    ["the empty-cart text is shown", state({ emptyCart: true }), false, 0, "empty"],
    ["the zip-code drawer opened", state({ zipDrawer: true }), false, 0, "invalid_credentials"],
    ["nothing recognisable after the page settled", state({ onLoginUrl: false }), true, 0, "layout_changed"],
    ["the login form came back", state({ emailInput: true, onLoginUrl: false }), true, 0, "invalid_credentials"],
  ])("when %s, then it is %s", (_case, s, settled, inFlight, expected) => {
    const d = decideCartOpened(s, settled, inFlight);
    expect(d.kind === "fail" ? d.code : d.kind === "go" ? d.outcome : d.kind).toBe(expected);
  });
});

describe("decidePanel", () => {
  const full = { present: true, cards: 14, footerSelected: true, busy: false };
  it.each([
    ["complete and still for 500 ms", full, 500, 0, false, "ready"],
    ["complete but the count changed 200 ms ago", full, 200, 0, false, "wait"],
    ["complete but a data call is in flight", full, 900, 1, false, "wait"],
    ["the spinner still shows", { ...full, busy: true }, 900, 0, false, "wait"],
    ["the panel is another box's (absent) and the page is settled", { ...full, present: false, cards: 0 }, 900, 0, true, "empty"],
    ["empty and the page settled", { ...full, cards: 0 }, 3000, 0, true, "empty"],
  ])("when the panel is %s, then it is %s", (_case, s, stableMs, inFlight, settled, expected) => {
    const d = decidePanel(s, stableMs, inFlight, settled);
    expect(d.kind === "go" ? d.outcome : d.kind).toBe(expected);
  });
});

describe("classifyFailure", () => {
  const named = (name: string, message: string) => Object.assign(new Error(message), { name });
  it.each([
    ["a refused connection", new Error("page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/login"), false, "site_unavailable"],
    ["an unknown host", new Error("page.goto: net::ERR_NAME_NOT_RESOLVED at https://nowhere.invalid/login"), false, "site_unavailable"],
    ["a Playwright timeout", named("TimeoutError", "locator.click: Timeout 100ms exceeded."), false, "timeout"],
    ["anything once the deadline passed", new Error("Target page, context or browser has been closed"), true, "timeout"],
    ["an unexpected bug", new TypeError("x is undefined"), false, "internal"],
  ])("when the failure is %s, then the code is %s", (_case, error, deadlinePassed, expected) => {
    expect(classifyFailure(error, { step: "login", deadlinePassed }).code).toBe(expected);
  });

  it("when the failure is already a ScrapeError, then it is kept as it is", () => {
    const original = new ScrapeError("invalid_credentials", "login form shows an error", { step: "password" });
    expect(classifyFailure(original, { step: "login", deadlinePassed: true })).toBe(original);
  });
});
