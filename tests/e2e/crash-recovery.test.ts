// A service process killed with -9 in the middle of a plan job: after a restart the job runs again and the
// customer still gets exactly one acknowledgement and one plan (the outbox's idempotency keys).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePhone } from "../../app/identity";
import { DEFAULT_PREFERENCES } from "../../app/preferences";
import { buildKeyring } from "../../app/security/crypto";
import { createRepositories, type Database } from "../../app/store";
import { migratedTestDatabase } from "../support/db";
import { type ReplicaHandle, startReplica } from "../support/ftp-replica";
import { BEEF_PLAN_DRAFT } from "../support/planner-carts";
import { type Child, startChild } from "../support/process";
import { type OpenAiStandIn, startOpenAiStandIn } from "../support/stand-ins/openai";
import { startVonageStandIn, type VonageStandIn } from "../support/stand-ins/vonage";
import { beefAccount, freePort, OUR_NUMBER, SIGNATURE_SECRET, serviceEnv, waitUntil } from "./support";

const PASSWORD = "crash test password 42";
const PHONE = "+12125550177";
const MSISDN = PHONE.slice(1);

describe("a plan job interrupted by kill -9", () => {
  let replica: ReplicaHandle;
  let openai: OpenAiStandIn;
  let vonage: VonageStandIn;
  let database: Database;
  let env: Record<string, string>;
  const children: Child[] = [];

  const startService = async () => {
    const child = startChild(process.execPath, ["--import", "tsx", "app/main.ts"], {
      ...env,
      PATH: process.env.PATH,
      HOME: process.env.HOME,
    });
    children.push(child);
    await child.waitForLine((l) => l.msg === "listening", 90_000);
    return child;
  };

  beforeAll(async () => {
    const customer = beefAccount("crash-customer", PASSWORD);
    // Every replica page answers 700 ms late, so the scrape is still running when the process dies.
    [replica, openai, vonage] = await Promise.all([
      startReplica({ accounts: [customer], latency: { ms: 700 } }),
      startOpenAiStandIn({ fallbackReply: { plan: BEEF_PLAN_DRAFT } }),
      startVonageStandIn(),
    ]);
    database = await migratedTestDatabase("e2e/crash-recovery");
    env = serviceEnv({
      port: await freePort(),
      databaseUrl: database.connectionString,
      replicaUrl: replica.url,
      vonageUrl: vonage.url,
      vonageKey: vonage.apiKey,
      vonageSecret: vonage.apiSecret,
      openaiUrl: openai.baseURL,
    });
    const repos = createRepositories(database, { keyring: buildKeyring({ current: env.ENCRYPTION_KEY }), now: () => new Date() });
    const user = await repos.users.create({
      phone: parsePhone(PHONE),
      state: "active",
      consent: { at: new Date(), textVersion: "sms-consent-v1" },
    });
    await repos.credentials.save(user.id, { email: customer.email, password: PASSWORD });
    await repos.users.savePreferences(user.id, DEFAULT_PREFERENCES);
  }, 120_000);

  afterAll(async () => {
    for (const child of children) child.proc.kill("SIGKILL");
    await database?.close();
    await Promise.all([replica?.close(), openai?.close(), vonage?.close()]);
  });

  it("when the process is killed mid-scrape and restarted, then the customer gets one ACK and one plan", async () => {
    const first = await startService();
    const delivered = await vonage.deliverInbound(
      `http://localhost:${env.PORT}/webhooks/vonage/inbound`,
      { msisdn: MSISDN, to: OUR_NUMBER, messageId: "crash-plan-1", text: "PLAN", type: "text" },
      { as: "form", sign: { secret: SIGNATURE_SECRET, method: "sha256" } },
    );
    expect(delivered.status).toBe(200);
    await vonage.waitForSent(1, 60_000);
    replica.resetStats();
    await waitUntil(async () => replica.stats().requests > 0, "the scrape to reach the site");

    first.proc.kill("SIGKILL");
    await first.exited;
    const second = await startService();

    await waitUntil(async () => vonage.sent.length >= 2, "the plan after the restart", 150_000);
    await waitUntil(async () => {
      const { rows } = await database.pool.query<{ state: string }>("select state from pgboss.job where name = 'plan-request'");
      return rows.length === 1 && rows[0]?.state === "completed";
    }, "the plan job to complete");

    // The slow scrape plus the restart take longer than 20 s, so one PROGRESS text is due as well (product.md 3.6).
    const texts = vonage.sent.filter((m) => m.to === MSISDN).map((m) => m.text);
    expect(texts.map((t) => t.split(" ").slice(0, 2).join(" "))).toEqual(["Got it!", "Cart read:", "Your meal"]);
    expect(texts[2]).toMatch(/^Your meal plan for .*\n1\. Beef and Zucchini Skillet - 25 min/);
    second.proc.kill("SIGTERM");
    await expect(second.exited).resolves.toBe(0);
  });
});
