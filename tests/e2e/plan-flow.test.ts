// The customer's whole journey through the composed service: sign-up, YES, PLAN, a real scrape of the
// replica, a plan from the OpenAI stand-in, and exactly one final text at the Vonage stand-in; then the same
// text delivered three times, STOP then PLAN, a forged signature, and a scan of every log line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, type System } from "../../app/compose";
import { parseConfig } from "../../app/config";
import { parsePhone } from "../../app/identity";
import { migratedTestDatabase } from "../support/db";
import { type ReplicaHandle, startReplica } from "../support/ftp-replica";
import { captureLogs, findLeaks, type LogCapture } from "../support/log-capture";
import { BEEF_PLAN_DRAFT } from "../support/planner-carts";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/stand-ins/openai";
import { startVonageStandIn, type VonageStandIn } from "../support/stand-ins/vonage";
import { beefAccount, freePort, OUR_NUMBER, SIGNATURE_SECRET, serviceEnv, waitUntil } from "./support";

const PASSWORD = "e2e correct horse battery";
const PHONE = "+12125550142";
const MSISDN = PHONE.slice(1);

describe("a customer texting the service", () => {
  let replica: ReplicaHandle;
  let openai: OpenAiStandIn;
  let vonage: VonageStandIn;
  let system: System;
  let logs: LogCapture;
  let base: string;
  let messageCounter = 0;
  const customer = beefAccount("e2e-customer", PASSWORD);

  const text = async (body: string, messageId = `e2e-${++messageCounter}`, sign = true) =>
    vonage.deliverInbound(
      `${base}/webhooks/vonage/inbound`,
      {
        msisdn: MSISDN,
        to: OUR_NUMBER,
        messageId,
        text: body,
        type: "text",
        "message-timestamp": new Date().toISOString().slice(0, 19).replace("T", " "),
      },
      { as: "form", ...(sign ? { sign: { secret: SIGNATURE_SECRET, method: "sha256" as const } } : {}) },
    );
  const sentTo = () => vonage.sent.filter((m) => m.to === MSISDN);
  const processed = async (messageId: string) => {
    const row = await system.repos.messages.findInboundByProviderId(messageId);
    return row?.state === "processed";
  };
  const planIdle = async () => !(await system.queue.hasActivePlan((await system.repos.users.findByPhone(parsePhone(PHONE)))!.id));

  beforeAll(async () => {
    [replica, openai, vonage] = await Promise.all([
      startReplica({ accounts: [customer] }),
      startOpenAiStandIn({ fallbackReply: { plan: BEEF_PLAN_DRAFT } }),
      startVonageStandIn(),
    ]);
    const database = await migratedTestDatabase("e2e/plan-flow");
    const databaseUrl = database.connectionString;
    await database.close();
    const port = await freePort();
    base = `http://localhost:${port}`;
    const config = parseConfig(
      serviceEnv({
        port,
        databaseUrl,
        replicaUrl: replica.url,
        vonageUrl: vonage.url,
        vonageKey: vonage.apiKey,
        vonageSecret: vonage.apiSecret,
        openaiUrl: openai.baseURL,
      }),
    );
    logs = captureLogs("info");
    system = await compose(config, { logger: logs.logger });
    await system.start();
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await Promise.all([replica?.close(), openai?.close(), vonage?.close()]);
  });

  it("when a customer signs up, confirms and texts PLAN, then one plan text arrives with a working link", async () => {
    const signup = await fetch(`${base}/api/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ phone: "(212) 555-0142", ftpEmail: customer.email, ftpPassword: PASSWORD, smsConsent: true }),
    });
    expect(signup.status).toBe(201);
    const [confirm] = await vonage.waitForSent(1);
    expect(confirm?.text).toMatch(/^Farm to People meal plans: reply YES to confirm texts\./);

    expect((await text("YES")).status).toBe(200);
    await waitUntil(async () => sentTo().length >= 2, "WELCOME");
    expect(sentTo()[1]?.text).toMatch(/^You're subscribed to Farm to People meal plans\./);

    expect((await text("PLAN")).status).toBe(200);
    await waitUntil(async () => sentTo().length >= 4, "ACK and the plan", 120_000);
    const [ack, plan] = sentTo().slice(2);
    expect(ack?.text).toBe("Got it! Reading your Farm to People cart now. Your meal plan usually arrives within 2 minutes.");
    expect(plan?.text).toMatch(
      /^Your meal plan for \w{3} \w{3} \d{1,2} \(serves 2, protein per serving\):\n1\. Beef and Zucchini Skillet - 25 min, \d+g protein\n2\. Beef Zucchini Stir-Fry - 20 min, \d+g protein\n/,
    );
    expect(openai.requests.length).toBeGreaterThanOrEqual(1);

    const link = plan?.text.match(/http:\/\/localhost:\d+\/plans\/[A-Za-z0-9_-]{22}/)?.[0];
    expect(link).toBeDefined();
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Beef and Zucchini Skillet");
    await waitUntil(planIdle, "the plan job to finish");
  });

  it("when Vonage delivers the same PLAN three times, then it is answered once", async () => {
    const before = sentTo().length;
    const results = await Promise.all([text("PLAN again", "e2e-dup"), text("PLAN again", "e2e-dup"), text("PLAN again", "e2e-dup")]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await waitUntil(async () => sentTo().length >= before + 2, "ACK and plan", 120_000);
    await waitUntil(planIdle, "the plan job to finish");
    const texts = sentTo().slice(before);
    expect(texts.map((t) => t.text.split(" ")[0])).toEqual(["Got", "Your"]);
  });

  it("when the customer texts STOP and then PLAN, then only the STOP confirmation is sent", async () => {
    const before = sentTo().length;
    await text("STOP", "e2e-stop");
    await waitUntil(() => processed("e2e-stop"), "STOP to be handled");
    await text("PLAN", "e2e-plan-after-stop");
    await waitUntil(() => processed("e2e-plan-after-stop"), "PLAN to be handled");
    expect(
      sentTo()
        .slice(before)
        .map((t) => t.text),
    ).toEqual(["You're unsubscribed from Farm to People meal plan texts and will get no more messages. Reply START to resubscribe."]);
    const user = await system.repos.users.findByPhone(parsePhone(PHONE));
    expect(user?.state).toBe("opted_out");
  });

  it("when a webhook carries a forged signature, then it is refused with 401 and nothing is stored", async () => {
    const forged = await vonage.deliverInbound(
      `${base}/webhooks/vonage/inbound`,
      { msisdn: MSISDN, to: OUR_NUMBER, messageId: "e2e-forged", text: "START", type: "text" },
      { as: "form", sign: { secret: "not-the-secret", method: "sha256" } },
    );
    const unsigned = await text("START", "e2e-unsigned", false);
    expect([forged.status, unsigned.status]).toEqual([401, 401]);
    expect(await system.repos.messages.findInboundByProviderId("e2e-forged")).toBeUndefined();
    expect(await system.repos.messages.findInboundByProviderId("e2e-unsigned")).toBeUndefined();
  });

  it("when the whole flow has run, then no log line holds a secret, the password, the phone or a text", () => {
    const leaks = findLeaks(logs.lines(), {
      secrets: [SIGNATURE_SECRET, vonage.apiSecret, "e2e-secret-key-", "e2e-api-key-", Buffer.alloc(32, 9).toString("base64")],
      passwords: [PASSWORD],
      phones: [PHONE],
      smsBodies: vonage.sent.map((m) => m.text),
    });
    expect(leaks).toEqual([]);
    expect(logs.lines().length).toBeGreaterThan(5);
  });
});
