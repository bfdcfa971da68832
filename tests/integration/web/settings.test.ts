// The settings link (product.md 2.4) over real HTTP on real PostgreSQL, and the page in real Chromium.
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parsePhone } from "../../../app/identity";
import { listen, type RunningServer } from "../../../app/ops/http-server";
import { CHROMIUM_ARGS } from "../../../app/scraper";
import { buildKeyring } from "../../../app/security/crypto";
import { hashLinkToken, newLinkToken } from "../../../app/security/link-tokens";
import { createRepositories, type Database, type Repositories } from "../../../app/store";
import { createApp } from "../../../app/web/app";
import { SETTINGS_DELETED_MESSAGE, SETTINGS_SAVED_MESSAGE, settingsPortsFromStore, settingsRouter } from "../../../app/web/settings";
import { migratedTestDatabase } from "../../support/db";
import { captureLogs, type LogCapture } from "../../support/log-capture";

const START = new Date("2026-09-15T15:00:00Z");
const MINUTE = 60_000;

let database: Database;
let repos: Repositories;
let server: RunningServer;
let origin: string;
let logs: LogCapture;
let clock = START;
const invalidated: string[] = [];
let phoneCounter = 100;

beforeAll(async () => {
  database = await migratedTestDatabase("web-settings");
  repos = createRepositories(database, { keyring: buildKeyring({ current: Buffer.alloc(32, 1).toString("base64") }), now: () => clock });
  logs = captureLogs("info");
  const allowedOrigins: string[] = [];
  const app = createApp({
    logger: logs.logger,
    routers: [
      settingsRouter(
        settingsPortsFromStore(repos, {
          database,
          onSaved: (userId) => {
            invalidated.push(userId);
          },
        }),
        { allowedOrigins, now: () => clock, logger: logs.logger },
      ),
    ],
  });
  server = await listen(app, 0, { draining: false });
  origin = `http://127.0.0.1:${server.port}`;
  allowedOrigins.push(origin);
});

afterAll(async () => {
  await server?.drain(100);
  await database?.close();
});

beforeEach(() => {
  clock = START;
});

/** An active customer with saved preferences, a login the site rejected, and a fresh settings token. */
async function customer(options: { login?: boolean } = {}) {
  const phone = parsePhone(`+1202555${String(phoneCounter++).padStart(4, "0")}`);
  const user = await repos.users.create({ phone, state: "active" });
  await repos.users.savePreferences(user.id, {
    householdSize: "3-4",
    mealTiming: ["dinner", "lunch"],
    favouriteDishes: ["pesto-pasta"],
    dietaryRestrictions: ["pescatarian"],
    goals: ["high-protein"],
    avoid: ["cilantro"],
  });
  if (options.login !== false) {
    await repos.credentials.save(user.id, { email: "jane.doe@example.com", password: "old secret" });
    await repos.credentials.markRejected(user.id, START);
  }
  const token = await issueToken(user.id);
  return { user, phone, token };
}

async function issueToken(userId: string, expiresAt = new Date(clock.getTime() + 30 * MINUTE)) {
  const token = newLinkToken();
  await repos.settingsTokens.create({ tokenHash: hashLinkToken(token), userId, expiresAt });
  return token;
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, ...headers },
    body: JSON.stringify(body),
  });
}

const newPreferences = {
  householdSize: "5-6",
  mealTiming: ["breakfast"],
  favouriteDishes: ["beef-tacos", "roast-chicken"],
  cookingStyles: ["one-pan"],
  dietaryRestrictions: ["none"],
  goals: [],
  avoid: ["mushrooms"],
};

describe("GET /settings/:token", () => {
  it("when a usable link is opened, then the page shows the masked email and current choices, and the link still works", async () => {
    const { token } = await customer();
    const res = await fetch(`${origin}/settings/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-robots-tag")).toBe("noindex");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain("Saved login: j***@example.com");
    expect(html).not.toContain("jane.doe");
    expect(html).not.toContain("old secret");
    expect(html).toContain("Leave blank to keep your current password.");
    expect(html).toMatch(/<input id="ftpPassword" name="ftpPassword" type="password"[^>]*>/);
    expect(html).not.toMatch(/<input id="ftpPassword"[^>]*value=/);
    expect(html).toContain('name="householdSize" value="3-4" checked');
    expect(html).toContain('name="householdSize" value="1-2">');
    expect(html).toContain('name="mealTiming" value="lunch" checked');
    expect(html).toContain('name="favouriteDishes" value="pesto-pasta" checked');
    expect(html).toContain('name="dietaryRestrictions" value="pescatarian" checked');
    expect(html).toContain('name="goals" value="high-protein" checked');
    expect(html).toContain('value="cilantro"');

    // Opening (a link preview, say) did not use the token up: a second open still shows the page.
    expect((await fetch(`${origin}/settings/${token}`)).status).toBe(200);
  });

  it("when the link is expired, then a small page with status 410 says to text SETTINGS", async () => {
    const { user } = await customer();
    const token = await issueToken(user.id, new Date(START.getTime() + 30 * MINUTE));
    clock = new Date(START.getTime() + 31 * MINUTE);
    const res = await fetch(`${origin}/settings/${token}`);
    expect(res.status).toBe(410);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("This settings link has expired. Text SETTINGS for a new one.");
  });

  it("when the token is malformed, then the expired page comes with status 404", async () => {
    const res = await fetch(`${origin}/settings/not-a-token`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Text SETTINGS for a new one.");
  });
});

describe("POST /api/settings/:token", () => {
  it("when preferences are saved with blank login fields, then they are stored, the login is kept, the cache is invalidated and the audit line names fields only", async () => {
    const { user, token } = await customer();
    const res = await post(`/api/settings/${token}`, { ftpEmail: "", ftpPassword: "", preferences: newPreferences });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.json()).toEqual({ saved: true });

    const stored = await repos.users.findWithPreferencesById(user.id);
    expect(stored?.preferences).toEqual({ ...newPreferences, dietaryRestrictions: [] });
    const login = await repos.credentials.decryptForScrape(user.id);
    expect(login?.email).toBe("jane.doe@example.com");
    expect(login?.password).toBe("old secret");
    expect(invalidated).toContain(user.id);
    const audit = await logs.waitFor((r) => r.audit === "settings_saved" && r.userId === user.id);
    expect(audit.fields).toEqual(["preferences"]);
  });

  it("when a new password is saved, then the login is replaced and the credentials-rejected flag is cleared", async () => {
    const { user, token } = await customer();
    expect((await repos.credentials.summary(user.id))?.rejectedAt).toEqual(START);
    const res = await post(`/api/settings/${token}`, {
      ftpEmail: " New.Address@Example.org ",
      ftpPassword: " new secret ",
      preferences: newPreferences,
    });
    expect(res.status).toBe(200);
    const summary = await repos.credentials.summary(user.id);
    expect(summary?.rejectedAt).toBeNull();
    expect(summary?.maskedEmail).toBe("n***@example.org");
    const login = await repos.credentials.decryptForScrape(user.id);
    expect(login?.password).toBe(" new secret ");
    const audit = await logs.waitFor((r) => r.audit === "settings_saved" && r.userId === user.id);
    expect(audit.fields).toEqual(["preferences", "ftpEmail", "ftpPassword"]);
    expect(logs.lines().join("\n")).not.toMatch(/new secret|new\.address|jane\.doe|old secret/);
  });

  it("when only the email changes, then the password is kept", async () => {
    const { user, token } = await customer();
    const res = await post(`/api/settings/${token}`, { ftpEmail: "other@example.com", preferences: newPreferences });
    expect(res.status).toBe(200);
    const login = await repos.credentials.decryptForScrape(user.id);
    expect(login?.email).toBe("other@example.com");
    expect(login?.password).toBe("old secret");
  });

  it("when an email alone is sent but no login is stored, then the password is asked for and the whole save is rolled back", async () => {
    const { user, token } = await customer({ login: false });
    const page = await (await fetch(`${origin}/settings/${token}`)).text();
    expect(page).toContain("No Farm to People login is saved yet");
    const res = await post(`/api/settings/${token}`, { ftpEmail: "jane@example.com", preferences: newPreferences });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ ftpPassword: "Enter your Farm to People password (up to 128 characters)" });
    // Preferences were written before the email in the same transaction: both are gone, and the link still works.
    expect((await repos.users.findWithPreferencesById(user.id))?.preferences?.householdSize).toBe("3-4");
    expect(await repos.credentials.summary(user.id)).toBeUndefined();
    expect((await repos.settingsTokens.findUsable(hashLinkToken(token)))?.userId).toBe(user.id);
  });

  it("when the request comes from another origin, then it is refused with 403 and the token stays usable", async () => {
    const { user, token } = await customer();
    const res = await post(`/api/settings/${token}`, { preferences: newPreferences }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("cross_site_request");
    expect((await repos.settingsTokens.findUsable(hashLinkToken(token)))?.userId).toBe(user.id);
    expect((await repos.users.findWithPreferencesById(user.id))?.preferences?.householdSize).toBe("3-4");
  });

  it("when fields are invalid, then the answer is 400 with one fixed message per field, no echo, and the token stays usable", async () => {
    const { user, token } = await customer();
    const res = await post(`/api/settings/${token}`, {
      ftpEmail: "jane-at-example",
      ftpPassword: "x".repeat(129),
      preferences: { ...newPreferences, goals: ["whole-food", "new-recipes", "reduce-waste"] },
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "validation_failed",
        message: "Some fields need attention",
        fields: {
          ftpEmail: "Enter the email address of your Farm to People account",
          ftpPassword: "Enter your Farm to People password (up to 128 characters)",
          "preferences.goals": "Choose at most 2 goals",
        },
      },
    });
    expect(text).not.toContain("jane-at-example");
    expect((await repos.settingsTokens.findUsable(hashLinkToken(token)))?.userId).toBe(user.id);
  });

  it("when the token is malformed, then saving answers 404 settings_link_not_found", async () => {
    const res = await post("/api/settings/short", { preferences: newPreferences });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("settings_link_not_found");
  });

  it("when the body is not JSON, then the answer is 415 and the token stays usable", async () => {
    const { user, token } = await customer();
    const res = await fetch(`${origin}/api/settings/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      body: "preferences=x",
    });
    expect(res.status).toBe(415);
    expect((await repos.settingsTokens.findUsable(hashLinkToken(token)))?.userId).toBe(user.id);
  });

  it("when a password comes without an email, then the email is asked for", async () => {
    const { token } = await customer();
    const res = await post(`/api/settings/${token}`, { ftpPassword: "new secret", preferences: newPreferences });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ ftpEmail: "Enter the email address of your Farm to People account" });
  });

  it("when the token has expired, then saving answers 410 and nothing changes", async () => {
    const { user } = await customer();
    const token = await issueToken(user.id, new Date(START.getTime() + 30 * MINUTE));
    clock = new Date(START.getTime() + 30 * MINUTE + 1);
    const res = await post(`/api/settings/${token}`, { preferences: newPreferences });
    expect(res.status).toBe(410);
    expect((await res.json()).error).toEqual({
      code: "settings_link_expired",
      message: "This settings link has expired. Text SETTINGS for a new one.",
    });
    expect((await repos.users.findWithPreferencesById(user.id))?.preferences?.householdSize).toBe("3-4");
  });

  it("when the same link is used for a second save, then the second answers 410 and keeps the first save", async () => {
    const { user, token } = await customer();
    expect((await post(`/api/settings/${token}`, { preferences: newPreferences })).status).toBe(200);
    const again = await post(`/api/settings/${token}`, { preferences: { ...newPreferences, householdSize: "7+" } });
    expect(again.status).toBe(410);
    expect((await repos.users.findWithPreferencesById(user.id))?.preferences?.householdSize).toBe("5-6");
    expect((await fetch(`${origin}/settings/${token}`)).status).toBe(410);
  });

  it("when two saves race on one link, then exactly one succeeds", async () => {
    const { token } = await customer();
    const results = await Promise.all([1, 2].map(() => post(`/api/settings/${token}`, { preferences: newPreferences })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
  });
});

describe("POST /api/settings/:token/delete", () => {
  it("when confirmed, then the account is erased, the number suppressed and a web opt-out recorded", async () => {
    const { user, phone, token } = await customer();
    const res = await post(`/api/settings/${token}/delete`, { confirm: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true });
    expect(await repos.users.findById(user.id)).toBeUndefined();
    expect(await repos.credentials.summary(user.id)).toBeUndefined();
    expect(await repos.consent.isSuppressed(phone)).toBe(true);
    const history = await repos.consent.history(phone);
    expect(history.map((e) => ({ type: e.type, channel: e.channel }))).toEqual([{ type: "opt_out", channel: "web" }]);
    expect(invalidated).toContain(user.id);
    const audit = await logs.waitFor((r) => r.audit === "settings_account_deleted" && r.userId === user.id);
    expect(Object.keys(audit)).not.toContain("phone");
    expect(logs.lines().join("\n")).not.toContain(phone.slice(2));
    expect((await fetch(`${origin}/settings/${token}`)).status).toBe(410);
  });

  it("when not confirmed, then the answer is 400 and the account stays", async () => {
    const { user, token } = await customer();
    const res = await post(`/api/settings/${token}/delete`, { confirm: false });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ confirm: "Tick the box to confirm that your data should be deleted" });
    expect((await repos.users.findById(user.id))?.id).toBe(user.id);
  });
});

describe("the settings page in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("when a customer changes choices and their password on a phone-sized screen, then the page confirms and the store holds the new settings", async () => {
    const { user, token } = await customer();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/settings/${token}`);
      await expect.poll(() => page.locator("#current-login").textContent()).toBe("Saved login: j***@example.com");
      expect(await page.getByLabel("3-4").isChecked()).toBe(true);
      await page.getByLabel("7+").check();
      await page.getByLabel("Beef tacos").check();
      await page.getByLabel("None", { exact: true }).check();
      expect(await page.getByLabel("Pescatarian").isChecked()).toBe(false);
      await page.getByLabel("Email", { exact: true }).fill("jane.doe@example.com");
      await page.getByLabel("Password", { exact: true }).fill("fresh tomatoes");
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toBe(SETTINGS_SAVED_MESSAGE);

      const stored = await repos.users.findWithPreferencesById(user.id);
      expect(stored?.preferences).toMatchObject({
        householdSize: "7+",
        favouriteDishes: ["beef-tacos", "pesto-pasta"],
        dietaryRestrictions: [],
        avoid: ["cilantro"],
      });
      expect((await repos.credentials.decryptForScrape(user.id))?.password).toBe("fresh tomatoes");
      expect((await repos.credentials.summary(user.id))?.rejectedAt).toBeNull();
    } finally {
      await context.close();
    }
  });

  it("when a customer deletes their data after the confirmation step, then the page says so and the account is gone", async () => {
    const { user, phone, token } = await customer();
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/settings/${token}`);
      await page.getByRole("button", { name: "Delete my data" }).click();
      await page.getByRole("button", { name: "Delete everything now" }).click();
      await expect
        .poll(() => page.locator("#confirm-error").textContent())
        .toBe("Tick the box to confirm that your data should be deleted");
      expect((await repos.users.findById(user.id))?.id).toBe(user.id);
      await page.getByLabel("I understand this cannot be undone.").check();
      await page.getByRole("button", { name: "Delete everything now" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toBe(SETTINGS_DELETED_MESSAGE);
      expect(await repos.users.findById(user.id)).toBeUndefined();
      expect(await repos.consent.isSuppressed(phone)).toBe(true);
    } finally {
      await page.close();
    }
  });
});
