import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listen } from "../../../app/ops/http-server";
import { createLogger } from "../../../app/ops/logger";
import type { DeliveryReceipt, InboundSms } from "../../../app/sms/webhook-payloads";
import { vonageWebhookRouter } from "../../../app/sms/webhook-router";
import { createApp } from "../../../app/web/app";
import { startVonageStandIn, type VonageStandIn } from "../../support/stand-ins/vonage";

const SECRET = "webhook-signature-secret";
const fields = (overrides: Record<string, string> = {}) => ({
  msisdn: "12025550143",
  to: "18334391183",
  messageId: `0A${Math.random().toString(16).slice(2, 16).toUpperCase()}`,
  text: "PLAN please",
  type: "text",
  keyword: "PLAN",
  "message-timestamp": "2026-09-15 11:59:58",
  ...overrides,
});

/** The lead's store behind the port, as an in-memory table with the same idempotency on messageId. */
function memoryInbox() {
  const stored = new Map<string, InboundSms>();
  const receipts: DeliveryReceipt[] = [];
  return {
    stored,
    receipts,
    ports: {
      async acceptInbound(message: InboundSms) {
        if (stored.has(message.messageId)) return { duplicate: true };
        stored.set(message.messageId, message);
        return { duplicate: false };
      },
      async recordDeliveryReceipt(receipt: DeliveryReceipt) {
        receipts.push(receipt);
      },
    },
  };
}

async function serve(signature: { secret: string; method: "sha256" | "md5hash" } | null, inbox = memoryInbox()) {
  const app = createApp({
    logger: createLogger({ level: "silent" }),
    routers: [vonageWebhookRouter(inbox.ports, { signature, now: () => new Date() })],
  });
  const running = await listen(app, 0, { draining: false });
  return { running, inbox, base: `http://127.0.0.1:${running.port}` };
}

describe("Vonage webhooks with signing configured", () => {
  let vonage: VonageStandIn;
  let server: Awaited<ReturnType<typeof serve>>;
  const inboundUrl = () => `${server.base}/webhooks/vonage/inbound`;
  const sign = { secret: SECRET, method: "sha256" as const };

  beforeAll(async () => {
    vonage = await startVonageStandIn();
    server = await serve(sign);
  });
  afterAll(async () => {
    await server.running.drain(100);
    await vonage.close();
  });
  beforeEach(() => {
    server.inbox.stored.clear();
  });

  it.each(["form", "get", "json"] as const)(
    "when Vonage delivers a signed text as %s, then it is accepted with 200 and stored",
    async (as) => {
      const payload = fields();
      const res = await vonage.deliverInbound(inboundUrl(), payload, { as, sign });
      expect(res.status).toBe(200);
      expect(server.inbox.stored.get(payload.messageId)).toMatchObject({ msisdn: "12025550143", text: "PLAN please", concat: null });
    },
  );

  it("when the same messageId is delivered three times, then every delivery gets 200 and one message is stored", async () => {
    const payload = fields();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await vonage.deliverInbound(inboundUrl(), payload, { sign })).status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(server.inbox.stored.size).toBe(1);
  });

  it("when the signature is forged, then the answer is 401 invalid_signature and nothing is stored", async () => {
    const res = await vonage.deliverInbound(inboundUrl(), fields(), { sign: { secret: "attacker-guess", method: "sha256" } });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "invalid_signature" } });
    expect(server.inbox.stored.size).toBe(0);
  });

  it("when the payload is unsigned, then the answer is 401 and nothing is stored", async () => {
    const res = await vonage.deliverInbound(inboundUrl(), fields());
    expect(res.status).toBe(401);
    expect(server.inbox.stored.size).toBe(0);
  });

  it("when a correctly signed request is replayed 10 minutes later, then it is refused as stale", async () => {
    const res = await vonage.deliverInbound(inboundUrl(), fields(), { sign: { ...sign, timestamp: Math.floor(Date.now() / 1000) - 600 } });
    expect(res.status).toBe(401);
    expect(server.inbox.stored.size).toBe(0);
  });

  it("when a signed text is missing its messageId, then the answer is 400 naming the field, without values", async () => {
    const { messageId: _omit, ...rest } = fields();
    const res = await vonage.deliverInbound(inboundUrl(), rest, { sign });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.error).toMatchObject({ code: "invalid_payload", fields: ["messageId"] });
    expect(res.body).not.toContain("2025550143");
    expect(res.body).not.toContain("PLAN please");
  });

  it("when a Messages-API style JWT signs the exact JSON body, then the text is accepted", async () => {
    const payload = fields();
    const res = await vonage.deliverInbound(inboundUrl(), payload, { as: "json", jwt: { secret: SECRET } });
    expect(res.status).toBe(200);
    expect(server.inbox.stored.has(payload.messageId)).toBe(true);
  });

  it("when the JWT's payload_hash belongs to another body, then the answer is 401 and nothing is stored", async () => {
    const res = await vonage.deliverInbound(inboundUrl(), fields(), { as: "json", jwt: { secret: SECRET, payloadHash: "0".repeat(64) } });
    expect(res.status).toBe(401);
    expect(server.inbox.stored.size).toBe(0);
  });

  it("when the parts of a multipart text arrive, then each is stored with its concat reference", async () => {
    const ref = { concat: "true", "concat-ref": "42", "concat-total": "2" };
    await vonage.deliverInbound(inboundUrl(), fields({ ...ref, "concat-part": "2", text: "world" }), { sign });
    await vonage.deliverInbound(inboundUrl(), fields({ ...ref, "concat-part": "1", text: "hello " }), { sign });
    expect([...server.inbox.stored.values()].map((m) => m.concat)).toEqual([
      { ref: "42", total: 2, part: 2 },
      { ref: "42", total: 2, part: 1 },
    ]);
  });

  it("when a signed delivery receipt arrives, then the port gets it with client-ref and outcome", async () => {
    const res = await vonage.deliverReceipt(
      `${server.base}/webhooks/vonage/status`,
      {
        messageId: "0B000000ABCDEF01",
        msisdn: "12025550143",
        to: "18334391183",
        status: "rejected",
        "err-code": "9",
        "client-ref": "out-77",
        "message-timestamp": "2026-09-15 12:00:01",
      },
      { sign },
    );
    expect(res.status).toBe(200);
    expect(server.inbox.receipts.at(-1)).toMatchObject({ clientRef: "out-77", outcome: "carrier_opt_out", errorCode: 9 });
  });

  it("when a delivery receipt is forged, then it is refused with 401 and not recorded", async () => {
    const before = server.inbox.receipts.length;
    const res = await vonage.deliverReceipt(`${server.base}/webhooks/vonage/status`, {
      messageId: "m1",
      msisdn: "12025550143",
      to: "1833",
      status: "delivered",
    });
    expect(res.status).toBe(401);
    expect(server.inbox.receipts.length).toBe(before);
  });
});

describe("Vonage webhooks without signing configured", () => {
  let vonage: VonageStandIn;
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    vonage = await startVonageStandIn();
    server = await serve(null);
  });
  afterAll(async () => {
    await server.running.drain(100);
    await vonage.close();
  });

  it("when an unsigned text arrives, then it is accepted", async () => {
    const payload = fields();
    const res = await vonage.deliverInbound(`${server.base}/webhooks/vonage/inbound`, payload);
    expect(res.status).toBe(200);
    expect(server.inbox.stored.has(payload.messageId)).toBe(true);
  });
});
