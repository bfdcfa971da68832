import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REASSEMBLY_WAIT_MS, reassemble, type StoredPart } from "../../../app/sms/reassembly";
import {
  classifyDeliveryReceipt,
  DeliveryReceiptPayloadSchema,
  InboundSmsPayloadSchema,
  toDeliveryReceipt,
  toInboundSms,
} from "../../../app/sms/webhook-payloads";

const base = {
  msisdn: "12025550143",
  to: "18334391183",
  messageId: "0A0000001234567B",
  text: "PLAN",
  type: "text",
  "message-timestamp": "2026-09-15 11:59:58",
};

describe("InboundSmsPayloadSchema", () => {
  it("when a form-style payload arrives, then it becomes an InboundSms with the send time in UTC", () => {
    expect(toInboundSms(InboundSmsPayloadSchema.parse({ ...base, keyword: "PLAN" }))).toEqual({
      messageId: "0A0000001234567B",
      msisdn: "12025550143",
      to: "18334391183",
      text: "PLAN",
      type: "text",
      sentAt: new Date("2026-09-15T11:59:58Z"),
      concat: null,
      payload: { ...base, keyword: "PLAN" },
    });
  });

  it("when the payload was signed, then the stored payload keeps timestamp and nonce but not sig", () => {
    const inbound = toInboundSms(InboundSmsPayloadSchema.parse({ ...base, sig: "ab12", timestamp: "1789000000", nonce: "n-1" }));
    expect(inbound.payload).toEqual({ ...base, timestamp: "1789000000", nonce: "n-1" });
  });

  it("when JSON gives numbers and booleans for the concat fields, then they parse like their string forms", () => {
    const fromJson = InboundSmsPayloadSchema.parse({ ...base, concat: true, "concat-ref": 17, "concat-total": 2, "concat-part": 1 });
    const fromForm = InboundSmsPayloadSchema.parse({
      ...base,
      concat: "true",
      "concat-ref": "17",
      "concat-total": "2",
      "concat-part": "1",
    });
    expect(toInboundSms(fromJson).concat).toEqual({ ref: "17", total: 2, part: 1 });
    expect(toInboundSms(fromForm)).toEqual(toInboundSms(fromJson));
  });

  it.each([
    ["no msisdn", { ...base, msisdn: undefined }, "msisdn"],
    ["a msisdn with letters", { ...base, msisdn: "1202abc0143" }, "msisdn"],
    ["no messageId", { ...base, messageId: undefined }, "messageId"],
    ["an unknown type", { ...base, type: "video" }, "type"],
    ["a concat part without its ref", { ...base, concat: "true", "concat-total": "2", "concat-part": "1" }, "concat"],
    ["part 3 of 2", { ...base, concat: "true", "concat-ref": "9", "concat-total": "2", "concat-part": "3" }, "concat-part"],
  ])("when the payload has %s, then it is refused naming %s", (_label, payload, field) => {
    const result = InboundSmsPayloadSchema.safeParse(payload);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(field);
  });

  it("when a binary message has no text, then it parses with empty text", () => {
    expect(InboundSmsPayloadSchema.parse({ ...base, text: undefined, type: "binary", data: "0A0B", udh: "050003" }).text).toBe("");
  });
});

describe("delivery receipts", () => {
  it("when Vonage reports err-code 9, then the receipt is a carrier opt-out correlated by client-ref", () => {
    const receipt = toDeliveryReceipt(
      DeliveryReceiptPayloadSchema.parse({
        messageId: "0B00000012345678",
        msisdn: "12025550143",
        to: "18334391183",
        status: "rejected",
        "err-code": "9",
        "client-ref": "out-123",
        "network-code": "310260",
        price: "0.00790000",
        scts: "2609151200",
        "message-timestamp": "2026-09-15 12:00:01",
      }),
    );
    expect(receipt).toEqual({
      providerMessageId: "0B00000012345678",
      clientRef: "out-123",
      msisdn: "12025550143",
      status: "rejected",
      errorCode: 9,
      outcome: "carrier_opt_out",
      reportedAt: new Date("2026-09-15T12:00:01Z"),
    });
  });

  it.each([
    ["delivered", 0, "delivered"],
    ["accepted", 0, "pending"],
    ["buffered", 0, "pending"],
    ["undelivered", 3, "dead_number"],
    ["expired", 7, "failed_retryable"],
    ["failed", 2, "failed_retryable"],
    ["rejected", 6, "failed_permanent"],
    ["undelivered", 99, "failed_permanent"],
  ] as const)("when the status is %s with err-code %i, then the outcome is %s", (status, code, outcome) => {
    expect(classifyDeliveryReceipt(status, code)).toBe(outcome);
  });

  it("when client-ref is longer than Vonage's 40 characters, then the receipt is refused", () => {
    const result = DeliveryReceiptPayloadSchema.safeParse({
      messageId: "m",
      msisdn: "12025550143",
      to: "1833",
      status: "delivered",
      "client-ref": "x".repeat(41),
    });
    expect(result.success).toBe(false);
  });
});

describe("reassemble", () => {
  const t0 = new Date("2026-09-15T12:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const part = (n: number, text: string, ms = 0, total = 3): StoredPart => ({ part: n, total, text, receivedAt: at(ms) });

  it("when all parts arrived out of order, then the text is joined in part order", () => {
    expect(reassemble([part(3, "three"), part(1, "one "), part(2, "two ")], at(10))).toEqual({
      ready: true,
      text: "one two three",
      complete: true,
      parts: [1, 2, 3],
    });
  });

  it("when a part is missing before 15 s, then it waits until 15 s after the first part", () => {
    expect(reassemble([part(1, "one ", 0), part(3, "three", 2_000)], at(14_999))).toEqual({
      ready: false,
      checkAt: at(REASSEMBLY_WAIT_MS),
      missing: [2],
    });
  });

  it("when a part is still missing at 15 s, then the received parts are routed in order", () => {
    expect(reassemble([part(3, "three", 2_000), part(1, "one ", 0)], at(15_000))).toEqual({
      ready: true,
      text: "one three",
      complete: false,
      parts: [1, 3],
    });
  });

  it("when a part was delivered twice, then it counts once", () => {
    expect(reassemble([part(1, "a", 0, 2), part(1, "a", 50, 2), part(2, "b", 60, 2)], at(100))).toMatchObject({ ready: true, text: "ab" });
  });

  it("property: any permutation of the complete parts gives the same text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 8 }), fc.integer(), (texts, seed) => {
        const parts = texts.map((text, i) => ({ part: i + 1, total: texts.length, text, receivedAt: at(i) }));
        const shuffled = [...parts].sort((a, b) => ((a.part * 7919 + seed) % 13) - ((b.part * 7919 + seed) % 13));
        expect(reassemble(shuffled, at(1))).toMatchObject({ ready: true, complete: true, text: texts.join("") });
      }),
    );
  });
});
