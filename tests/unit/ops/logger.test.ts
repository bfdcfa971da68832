import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../app/ops/logger";
import { maskPhone, maskPhonesInText } from "../../../app/security/redact";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: "info", destination }), text: () => lines.join("") };
}

describe("the logger", () => {
  it("when fields carry credentials, phones or message bodies, then their values are redacted", () => {
    const { logger, text } = capture();
    logger.info({ phone: "+12125550123", ftpPassword: "hunter2-secret", user: { email: "a@b.co", text: "PLAN please" } }, "signup");
    const out = text();
    for (const leaked of ["+12125550123", "hunter2-secret", "a@b.co", "PLAN please"]) expect(out).not.toContain(leaked);
    expect(out).toContain("[redacted]");
  });

  it("when a message string contains a phone number in any format, then only its last two digits remain", () => {
    const { logger, text } = capture();
    logger.warn("reply to (212) 555-0123 failed, and +1 212.555.0199 too");
    const out = text();
    expect(out).not.toMatch(/555/);
    expect(out).toContain("***23");
    expect(out).toContain("***99");
  });
});

describe("masking", () => {
  it.each([
    ["+12125550123", "+1******0123"],
    ["12", "***"],
  ])("maskPhone(%s) is %s", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it("when text holds prices, quantities and dates, then they are left alone", () => {
    const text = "2 boxes at $25.00 on 2026-09-18, order 12345";
    expect(maskPhonesInText(text)).toBe(text);
  });
});
