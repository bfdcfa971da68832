// The onboarding page and POST /api/signup over real HTTP, and the page in real Chromium.
import { createHash } from "node:crypto";
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../../../app/ops/http-server";
import { createLogger } from "../../../app/ops/logger";
import { SMS_CONSENT_TEXT } from "../../../app/preferences";
import { CHROMIUM_ARGS } from "../../../app/scraper";
import { createApp } from "../../../app/web/app";
import { SIGNUP_CONFIRMATION, type SignupRegistration, type SignupResult, signupRouter } from "../../../app/web/signup";

/** The lead's registerSignup behind the port: remembers registrations; numbers listed in `active` are taken. */
function registry(active: string[] = []) {
  const registrations: SignupRegistration[] = [];
  return {
    registrations,
    ports: {
      async registerSignup(r: SignupRegistration): Promise<SignupResult> {
        if (active.includes(r.phone)) return { outcome: "already_active" };
        registrations.push(r);
        return { outcome: "pending_created", userId: `00000000-0000-4000-8000-${String(registrations.length).padStart(12, "0")}` };
      },
    },
  };
}

async function serve(options: { perIpPerHour?: number; perPhonePerHour?: number; active?: string[] } = {}) {
  const reg = registry(options.active);
  // Our origin is known once listening; the router reads this array on every request.
  const allowedOrigins: string[] = [];
  const app = createApp({
    logger: createLogger({ level: "silent" }),
    routers: [
      signupRouter(reg.ports, {
        allowedOrigins,
        perIpPerHour: options.perIpPerHour,
        perPhonePerHour: options.perPhonePerHour,
      }),
    ],
  });
  const running = await listen(app, 0, { draining: false });
  const origin = `http://127.0.0.1:${running.port}`;
  allowedOrigins.push(origin);
  return { running, reg, origin };
}

const validBody = (overrides: Record<string, unknown> = {}) => ({
  phone: "(202) 555-0143",
  ftpEmail: " Jane@Example.com ",
  ftpPassword: " secret pass ",
  smsConsent: true,
  preferences: { householdSize: "3-4", goals: ["high-protein"] },
  ...overrides,
});

function post(origin: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}/api/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("POST /api/signup", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve({ perIpPerHour: 1_000, perPhonePerHour: 1_000, active: ["+12025550188"] });
  });
  afterAll(async () => {
    await server.running.drain(100);
  });

  it("when a valid sign-up is posted, then the answer is 201 with a userId and the port gets canonical, trimmed details and consent evidence", async () => {
    const res = await post(server.origin, validBody());
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ userId: "00000000-0000-4000-8000-000000000001" });
    const r = server.reg.registrations.at(-1)!;
    expect(r).toMatchObject({ phone: "+12025550143", ftpEmail: "jane@example.com", ftpPassword: " secret pass " });
    expect(r.preferences).toEqual({
      householdSize: "3-4",
      mealTiming: ["dinner"],
      favouriteDishes: [],
      cookingStyles: [],
      dietaryRestrictions: [],
      goals: ["high-protein"],
      avoid: [],
    });
    expect(r.consent).toMatchObject({
      textVersion: "sms-consent-v1",
      textSha256: createHash("sha256").update(SMS_CONSENT_TEXT).digest("hex"),
      pagePath: "/signup",
      userAgent: expect.any(String),
    });
    expect(r.consent.clientIp).toMatch(/127\.0\.0\.1/);
  });

  it("when fields are invalid, then the answer is 400 validation_failed with one message per field that never repeats the input", async () => {
    const res = await post(
      server.origin,
      validBody({
        phone: "555-0143-99999",
        ftpEmail: "jane.example.com",
        smsConsent: false,
        preferences: { goals: ["whole-food", "new-recipes", "reduce-waste"] },
      }),
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "validation_failed",
        message: "Some fields need attention",
        fields: {
          phone: "Enter a 10-digit US mobile number",
          ftpEmail: "Enter the email address of your Farm to People account",
          smsConsent: "Tick the box to agree to texts from us",
          "preferences.goals": "Choose at most 2 goals",
        },
      },
    });
    expect(text).not.toContain("0143");
    expect(text).not.toContain("jane.example.com");
  });

  it.each([
    ["a Canadian number", "+1 604 555 0143"],
    ["a toll-free number", "1-800-555-0143"],
    ["9 digits", "202555014"],
  ])("when the phone is %s, then it is refused with the phone message", async (_label, phone) => {
    const res = await post(server.origin, validBody({ phone }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual({ phone: "Enter a 10-digit US mobile number" });
  });

  it("when the phone already has an active account, then the answer is 409 and nothing is registered", async () => {
    const before = server.reg.registrations.length;
    const res = await post(server.origin, validBody({ phone: "202-555-0188" }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: "phone_already_active", message: "This number already has an account. Text SETTINGS to change your details." },
    });
    expect(server.reg.registrations.length).toBe(before);
  });

  it("when the request comes from another origin, then it is refused with 403 before anything is read", async () => {
    const res = await post(server.origin, validBody(), { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("cross_site_request");
  });

  it("when a browser sends no Origin but says same-origin, then it is accepted; saying cross-site, refused", async () => {
    const noOrigin = (site: string) =>
      fetch(`${server.origin}/api/signup`, {
        method: "POST",
        headers: { "content-type": "application/json", "sec-fetch-site": site },
        body: JSON.stringify(validBody()),
      });
    expect((await noOrigin("same-origin")).status).toBe(201);
    expect((await noOrigin("cross-site")).status).toBe(403);
  });

  it("when the body is a form instead of JSON, then the answer is 415", async () => {
    const res = await post(server.origin, "phone=2025550143", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
  });

  it("when the JSON is malformed, then the answer is 400 without a stack or the body", async () => {
    const res = await post(server.origin, '{"phone": "2025550143",');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "bad_request", message: "The request could not be read" } });
  });
});

describe("sign-up rate limits", () => {
  it("when one client IP posts 11 sign-ups in an hour, then the 11th gets 429", async () => {
    const server = await serve({ perPhonePerHour: 1_000 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++)
        statuses.push((await post(server.origin, validBody({ phone: `202-555-01${String(i).padStart(2, "0")}` }))).status);
      expect(statuses).toEqual([...Array(10).fill(201), 429]);
      expect(server.reg.registrations).toHaveLength(10);
    } finally {
      await server.running.drain(100);
    }
  });

  it("when one phone is posted beyond its limit, then it gets 429 while another phone still signs up", async () => {
    const server = await serve({ perIpPerHour: 1_000, perPhonePerHour: 2 });
    try {
      const same = [];
      for (let i = 0; i < 3; i++) same.push((await post(server.origin, validBody({ phone: "2025550150" }))).status);
      expect(same).toEqual([201, 201, 429]);
      expect((await post(server.origin, validBody({ phone: "2025550151" }))).status).toBe(201);
    } finally {
      await server.running.drain(100);
    }
  });
});

describe("the sign-up page", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await serve({ active: ["+12025550188"] });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS] });
  });
  afterAll(async () => {
    await browser?.close();
    await server.running.drain(100);
  });

  it("when the page is served, then it carries helmet's headers and a CSP without inline code", async () => {
    const res = await fetch(`${server.origin}/signup`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("I agree to receive text messages from Farm to People meal plans");
    expect(html).not.toMatch(/<script>[^<]/);
  });

  it("when a person fills the form on a phone-sized screen and submits, then the confirmation shows and the sign-up is registered", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/signup`);
      await page.getByLabel("Mobile number").fill("(202) 555-0177");
      await page.getByLabel("Email").fill("pat@example.com");
      await page.getByLabel("Password").fill("tomatoes");
      await page.getByLabel("3-4").check();
      await page.getByLabel("Roast chicken").check();
      await page.getByLabel("Vegetarian").check();
      await page.getByLabel("None", { exact: true }).check();
      expect(await page.getByLabel("Vegetarian").isChecked()).toBe(false);
      await page.getByLabel("I agree to receive text messages").check();
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect.poll(() => page.getByRole("status").textContent()).toBe(SIGNUP_CONFIRMATION);
      const r = server.reg.registrations.at(-1)!;
      expect(r.phone).toBe("+12025550177");
      expect(r.preferences).toMatchObject({ householdSize: "3-4", favouriteDishes: ["roast-chicken"], dietaryRestrictions: [] });
    } finally {
      await context.close();
    }
  });

  it("when the phone is invalid and consent unticked, then the page shows both messages beside their fields", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.origin}/signup`);
      await page.getByLabel("Mobile number").fill("12345");
      await page.getByLabel("Email").fill("pat@example.com");
      await page.getByLabel("Password").fill("tomatoes");
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect.poll(() => page.locator("#phone-error").textContent()).toBe("Enter a 10-digit US mobile number");
      expect(await page.locator("#smsConsent-error").textContent()).toBe("Tick the box to agree to texts from us");
      expect(await page.getByLabel("Mobile number").getAttribute("aria-invalid")).toBe("true");
    } finally {
      await page.close();
    }
  });

  it("when the number already has an account, then the page says so", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.origin}/signup`);
      await page.getByLabel("Mobile number").fill("202 555 0188");
      await page.getByLabel("Email").fill("pat@example.com");
      await page.getByLabel("Password").fill("tomatoes");
      await page.getByLabel("I agree to receive text messages").check();
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toBe("This number already has an account. Text SETTINGS to change your details.");
    } finally {
      await page.close();
    }
  });
});
