import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "../../../app/web/signup/origin-check";
import { parseSignupBody } from "../../../app/web/signup/signup-schema";

const valid = { phone: "202.555.0143", ftpEmail: "a@b.co", ftpPassword: "pw", smsConsent: true };

describe("parseSignupBody", () => {
  it.each(["2025550143", "+1 202 555 0143", "1-202-555-0143", "(202) 555-0143", "202.555.0143"])(
    "when the phone is written %j, then it becomes +12025550143",
    (phone) => {
      const parsed = parseSignupBody({ ...valid, phone });
      expect(parsed.ok && parsed.body.phone).toBe("+12025550143");
    },
  );

  it("when the email has capitals and spaces, then it is trimmed and lower-cased; the password is kept as typed", () => {
    const parsed = parseSignupBody({ ...valid, ftpEmail: "  Pat@Example.COM ", ftpPassword: "  p w  " });
    expect(parsed.ok && [parsed.body.ftpEmail, parsed.body.ftpPassword]).toEqual(["pat@example.com", "  p w  "]);
  });

  it.each([
    ["two @", { ftpEmail: "a@b@c.co" }, "ftpEmail"],
    ["no dot in the domain", { ftpEmail: "a@localhost" }, "ftpEmail"],
    ["255 characters", { ftpEmail: `${"a".repeat(249)}@b.com` }, "ftpEmail"],
    ["an empty password", { ftpPassword: "" }, "ftpPassword"],
    ["a 129-character password", { ftpPassword: "x".repeat(129) }, "ftpPassword"],
    ["consent as the string true", { smsConsent: "true" }, "smsConsent"],
    ["none with vegan", { preferences: { dietaryRestrictions: ["none", "vegan"] } }, "preferences.dietaryRestrictions"],
    ["11 foods to avoid", { preferences: { avoid: Array(11).fill("olives") } }, "preferences.avoid"],
  ])("when the body has %s, then %s is the invalid field", (_label, overrides, field) => {
    const parsed = parseSignupBody({ ...valid, ...overrides });
    expect(parsed.ok).toBe(false);
    expect(Object.keys(parsed.ok ? {} : parsed.fields)).toEqual([field]);
  });

  it("property: no field message ever contains the submitted value", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 6, maxLength: 40 }).filter((s) => /[a-z]{6}/i.test(s)),
        (junk) => {
          const parsed = parseSignupBody({
            phone: junk,
            ftpEmail: junk,
            ftpPassword: junk.repeat(10),
            smsConsent: junk,
            preferences: { householdSize: junk, avoid: [junk] },
          });
          expect(parsed.ok).toBe(false);
          for (const message of Object.values(parsed.ok ? {} : parsed.fields)) expect(message).not.toContain(junk);
        },
      ),
    );
  });
});

describe("isSameOriginRequest", () => {
  const ours = ["https://meals.example.com"];
  it.each([
    [{ origin: "https://meals.example.com" }, true],
    [{ origin: "https://meals.example.com.evil.net" }, false],
    [{ origin: "http://meals.example.com" }, false],
    [{ origin: "null", secFetchSite: "same-origin" }, true],
    [{ origin: "null" }, false],
    [{ secFetchSite: "same-origin" }, true],
    [{ secFetchSite: "same-site" }, false],
    [{}, false],
  ])("when the headers are %j, then same-origin is %s", (headers, expected) => {
    expect(isSameOriginRequest(headers, ours)).toBe(expected);
  });
});
