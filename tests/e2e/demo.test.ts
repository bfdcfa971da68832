// The README's demo, as a person uses it: start `npm run demo`'s entry with no configuration, open the phone
// simulator in real Chromium, text PLAN, and read the plan that comes back.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, resolveChromiumPath } from "../../app/scraper";
import { type Child, startChild } from "../support/process";
import { freePort } from "./support";

describe("the demo", () => {
  let demo: Child;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    demo = startChild(process.execPath, ["--import", "tsx", "app/demo/main.ts"], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), "demo-test-")),
    });
    await demo.waitForLine((l) => l.msg === "listening", 120_000);
    browser = await chromium.launch({ executablePath: resolveChromiumPath(process.env.CHROMIUM_PATH), args: [...CHROMIUM_ARGS] });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    demo?.proc.kill("SIGTERM");
    await demo?.exited;
  });

  it("when a person texts PLAN in the phone simulator, then the demo's plan arrives in the thread", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/demo/phone`);
    await page.getByLabel("Message").fill("PLAN");
    await page.getByRole("button", { name: "Send" }).click();

    await page.locator(".msg.in").first().waitFor({ timeout: 10_000 });
    expect(await page.locator(".msg.in").first().textContent()).toBe("PLAN");
    const plan = page.locator(".msg.out", { hasText: "Basic plan (not AI)" });
    await plan.waitFor({ timeout: 120_000 });
    expect(await page.locator(".msg.out").first().textContent()).toBe(
      "Got it! Reading your Farm to People cart now. Your meal plan usually arrives within 2 minutes.",
    );
    const text = (await plan.textContent()) ?? "";
    expect(text).toMatch(/^Basic plan \(not AI\) for \w{3} \w{3} \d{1,2} \(serves 2, protein per serving\):\n1\. /);
    const link = text.match(/http:\/\/localhost:\d+\/plans\/[A-Za-z0-9_-]{22}/)?.[0];
    expect(link).toBeDefined();
    const planPage = await page.goto(link!);
    expect(planPage?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Your meal plan");
  });
});
