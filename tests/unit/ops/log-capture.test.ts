import { describe, expect, it } from "vitest";
import { captureLogs, containsPhone, findLeaks } from "../../support/log-capture";

describe("scanning captured logs for personal data and secrets", () => {
  it.each([
    "+12125550123",
    "12125550123",
    "2125550123",
    "(212) 555-0123",
    "212-555-0123",
    "212.555.0123",
    "+1 212 555 0123",
    "tel:+1-212-555-0123",
  ])("when the phone appears as %s, then it is found", (written) => {
    expect(containsPhone(`{"msg":"user ${written} texted"}`, "+1 (212) 555-0123")).toBe(true);
  });

  it.each(["+1******0123", "***23", "hash a1b2c3 last4 0123", "2026-11-28T21:25:55.012Z", "price 2125 qty 5550"])(
    "when only a masked or unrelated number %s appears, then no phone is reported",
    (written) => {
      expect(containsPhone(`{"msg":"${written}"}`, "+12125550123")).toBe(false);
    },
  );

  it("when a secret, a password and an SMS body are logged, then each leak names its kind and line without repeating it", () => {
    const lines = ['{"msg":"ok"}', '{"key":"sk-test-123"}', '{"msg":"pw hunter2"}', '{"text":"Plan my \\"meals\\" please"}'];
    expect(findLeaks(lines, { secrets: ["sk-test-123"], passwords: ["hunter2"], smsBodies: ['Plan my "meals" please'] })).toEqual([
      { kind: "secrets", line: 1, valueIndex: 0 },
      { kind: "passwords", line: 2, valueIndex: 0 },
      { kind: "smsBodies", line: 3, valueIndex: 0 },
    ]);
  });

  it("when a composed module logs through the captured logger, then the redacting logger keeps the phone and body out", async () => {
    const capture = captureLogs();
    capture.logger.info({ phone: "+12125550123", text: "PLAN for 4 people" }, "inbound from +1 212 555 0123");
    const record = await capture.waitFor((r) => typeof r.msg === "string" && r.msg.startsWith("inbound"));
    expect(record).toMatchObject({ phone: "[redacted]", text: "[redacted]" });
    expect(findLeaks(capture.lines(), { phones: ["+12125550123"], smsBodies: ["PLAN for 4 people"] })).toEqual([]);
  });
});
