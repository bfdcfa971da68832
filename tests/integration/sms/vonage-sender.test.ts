import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SmsSendError } from "../../../app/sms/errors";
import { createRecordingSender, type RecordedOutboundSms } from "../../../app/sms/sender";
import { createVonageClient, createVonageSender } from "../../../app/sms/vonage-sender";
import { startVonageStandIn, type VonageStandIn } from "../../support/stand-ins/vonage";

const FROM = "18334391183";
const TO = "+12025550143";

describe("the Vonage sender, through the official SDK against the stand-in", () => {
  let vonage: VonageStandIn;
  beforeAll(async () => {
    vonage = await startVonageStandIn();
  });
  afterAll(async () => {
    await vonage.close();
  });
  beforeEach(() => {
    vonage.sent.length = 0;
  });

  /** A fake clock: sleeping moves time forward, so pacing and backoff are observable without waiting. */
  function clock() {
    let t = 1_000_000;
    const sleeps: number[] = [];
    return {
      now: () => t,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        t += ms;
      },
      sleeps,
    };
  }

  function sender(overrides: { ratePerSecond?: number; apiSecret?: string } = {}) {
    const c = clock();
    const client = createVonageClient({
      apiKey: vonage.apiKey,
      apiSecret: overrides.apiSecret ?? vonage.apiSecret,
      restHost: vonage.url,
      apiHost: vonage.url,
    });
    const s = createVonageSender(client, {
      from: FROM,
      ratePerSecond: overrides.ratePerSecond ?? 100,
      now: c.now,
      sleep: c.sleep,
      random: () => 0,
    });
    return { sender: s, clock: c };
  }

  it("when a text is sent, then Vonage receives it from our number to the msisdn with our client-ref, as type text", async () => {
    const { sender: s } = sender();
    const result = await s.send({ to: TO, text: "Got it! Reading your cart now.", clientRef: "out-1" });
    expect(vonage.sent).toHaveLength(1);
    expect(vonage.sent[0]).toMatchObject({
      to: "12025550143",
      from: FROM,
      text: "Got it! Reading your cart now.",
      type: "text",
      clientRef: "out-1",
    });
    expect(result).toEqual({ providerMessageIds: vonage.sent[0]!.messageIds, segments: 1 });
  });

  it("when the text needs three parts, then the result has one provider id per part", async () => {
    const { sender: s } = sender();
    const result = await s.send({ to: TO, text: "a".repeat(400), clientRef: "out-2" });
    expect(result.segments).toBe(3);
    expect(result.providerMessageIds).toHaveLength(3);
  });

  it("when Vonage throttles twice, then the text is retried with growing backoff and sent once", async () => {
    const { sender: s, clock: c } = sender();
    vonage.failNext("throttled", 2);
    const before = vonage.requestCount();
    await s.send({ to: TO, text: "BUSY", clientRef: "out-3" });
    expect(vonage.requestCount() - before).toBe(3);
    expect(vonage.sent).toHaveLength(1);
    expect(c.sleeps).toEqual([1_000, 2_000]);
  });

  it("when Vonage answers 503 and then the connection drops, then both are retried", async () => {
    const { sender: s } = sender();
    vonage.failNext("server_error");
    vonage.failNext("hang_up");
    await s.send({ to: TO, text: "retry me", clientRef: "out-4" });
    expect(vonage.sent.map((m) => m.clientRef)).toEqual(["out-4"]);
  });

  it("when throttling outlasts 3 retries, then a retryable SmsSendError reaches the caller and nothing was sent", async () => {
    const { sender: s } = sender();
    vonage.failNext("throttled", 4);
    const error = await s.send({ to: TO, text: "never", clientRef: "out-5" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ code: "sms_send_failed", kind: "throttled", retryable: true, providerStatus: "1" });
    expect(vonage.sent).toHaveLength(0);
  });

  it("when the credentials are wrong, then the failure is not retried and does not carry the secret or the text", async () => {
    const { sender: s } = sender({ apiSecret: "wrong-secret" });
    const before = vonage.requestCount();
    const error = (await s.send({ to: TO, text: "private words", clientRef: "out-6" }).catch((e: unknown) => e)) as SmsSendError;
    expect(error).toMatchObject({ kind: "rejected", retryable: false, providerStatus: "4" });
    expect(vonage.requestCount() - before).toBe(1);
    const serialised = JSON.stringify({ ...error, message: error.message, cause: error.cause });
    expect(serialised).not.toContain("wrong-secret");
    expect(serialised).not.toContain("private words");
    expect(serialised).not.toContain("2025550143");
  });

  it("when three texts are sent at 1 per second, then the second and third wait a second each", async () => {
    const { sender: s, clock: c } = sender({ ratePerSecond: 1 });
    for (const ref of ["r1", "r2", "r3"]) await s.send({ to: TO, text: "paced", clientRef: ref });
    expect(c.sleeps).toEqual([1_000, 1_000]);
    expect(vonage.sent.map((m) => m.clientRef)).toEqual(["r1", "r2", "r3"]);
  });
});

describe("the MOCK_SMS recorder", () => {
  it("when a text is sent, then the sink receives it with its segment count and nothing else happens", async () => {
    const records: RecordedOutboundSms[] = [];
    const recorder = createRecordingSender(
      async (r) => {
        records.push(r);
      },
      () => "id-1",
    );
    const result = await recorder.send({ to: TO, text: "x".repeat(200), clientRef: "out-9" });
    expect(records).toEqual([{ to: TO, text: "x".repeat(200), clientRef: "out-9", segments: 2, providerMessageId: "mock-id-1" }]);
    expect(result).toEqual({ providerMessageIds: ["mock-id-1"], segments: 2 });
  });
});
