import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPhoneForDisplay, InvalidPhoneError, isCanonicalPhone, parseMsisdn, parsePhone } from "../../../app/identity";

describe("parsePhone", () => {
  it.each([
    ["+1 202 555 0143", "+12025550143"],
    ["(202) 555-0143", "+12025550143"],
    ["202.555.0143", "+12025550143"],
    ["202-555-0143", "+12025550143"],
    ["2025550143", "+12025550143"],
    ["12025550143", "+12025550143"],
    ["+12025550143", "+12025550143"],
    ["  1 (202) 555-0199 ", "+12025550199"],
  ])("when the input is %j, then the canonical form is %s", (input, canonical) => {
    expect(parsePhone(input)).toBe(canonical);
  });

  it.each([
    ["202555014", "malformed", "9 digits"],
    ["202 555 014", "not_valid", "9 digits with spaces"],
    ["22025550143", "not_valid", "11 digits not starting with 1"],
    ["+1 416 555 0143", "not_us", "a Canadian +1 number"],
    ["+44 20 7946 0958", "not_us", "a UK number"],
    ["+1 800 555 0143", "not_personal", "toll-free"],
    ["+1 900 555 0143", "not_personal", "premium-rate"],
    ["202-555-0143 ext 5", "malformed", "an extension"],
    ["call 2025550143", "malformed", "letters"],
    ["", "malformed", "nothing"],
  ])("when the input is %j, then it is rejected as %s (%s)", (input, reason) => {
    const error = (() => {
      try {
        parsePhone(input);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidPhoneError);
    expect(error).toMatchObject({ code: "invalid_phone", status: 400, reason });
  });

  it("when a number is rejected, then the error message does not repeat it", () => {
    expect(() => parsePhone("+1 416 555 0143")).toThrow(expect.objectContaining({ message: expect.not.stringContaining("416") }));
  });

  it("when one number is written in any accepted format, then every format gives the same canonical value", () => {
    const formats = [
      (d: string) => d,
      (d: string) => `1${d}`,
      (d: string) => `+1${d}`,
      (d: string) => `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
      (d: string) => `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`,
      (d: string) => `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
    ];
    // Washington DC and New York numbers in the fictional 555-0100..0199 range.
    const national = fc
      .tuple(fc.constantFrom("202", "212", "718"), fc.integer({ min: 100, max: 199 }))
      .map(([area, n]) => `${area}5550${n}`);
    fc.assert(
      fc.property(national, fc.constantFrom(...formats), (digits, format) => {
        expect(parsePhone(format(digits))).toBe(`+1${digits}`);
      }),
    );
  });

  it("when a canonical value is parsed again, then it is unchanged", () => {
    const phone = parsePhone("(212) 555-0123");
    expect(parsePhone(phone)).toBe(phone);
    expect(isCanonicalPhone(phone)).toBe(true);
    expect(isCanonicalPhone("2125550123")).toBe(false);
  });
});

describe("parseMsisdn", () => {
  it("when Vonage sends 1XXXXXXXXXX, then the canonical form is + and that value", () => {
    expect(parseMsisdn("12025550143")).toBe("+12025550143");
  });

  it.each(["2025550143", "+12025550143", "442079460958", "14165550143"])("when Vonage sends %s, then it is rejected", (msisdn) => {
    expect(() => parseMsisdn(msisdn)).toThrow(InvalidPhoneError);
  });
});

describe("formatPhoneForDisplay", () => {
  it("when a canonical phone is shown on a page, then it reads (202) 555-0143", () => {
    expect(formatPhoneForDisplay(parsePhone("+12025550143"))).toBe("(202) 555-0143");
  });
});
