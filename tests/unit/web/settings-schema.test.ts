// The settings body contract (product.md 2.4): blanks keep what is stored, validation equals sign-up.
import { describe, expect, it } from "vitest";
import { changedFields, parseDeleteBody, parseSettingsBody } from "../../../app/web/settings";

const preferences = { householdSize: "1-2", mealTiming: ["dinner"] };

describe("parseSettingsBody", () => {
  it("when both login fields are blank or absent, then the login is kept", () => {
    for (const login of [{}, { ftpEmail: "", ftpPassword: "" }, { ftpEmail: null, ftpPassword: null }]) {
      const parsed = parseSettingsBody({ ...login, preferences });
      expect(parsed).toMatchObject({ ok: true, body: { credentials: { kind: "keep" } } });
    }
  });

  it("when only an email is given, then it is trimmed and lower-cased and the password is kept", () => {
    expect(parseSettingsBody({ ftpEmail: " Pat@Example.COM ", ftpPassword: "", preferences })).toMatchObject({
      ok: true,
      body: { credentials: { kind: "email", email: "pat@example.com" } },
    });
  });

  it("when email and password are given, then the password is kept exactly, spaces included", () => {
    expect(parseSettingsBody({ ftpEmail: "pat@example.com", ftpPassword: " two words ", preferences })).toMatchObject({
      ok: true,
      body: { credentials: { kind: "replace", email: "pat@example.com", password: " two words " } },
    });
  });

  it("when a password comes without an email, then the email field is flagged", () => {
    expect(parseSettingsBody({ ftpPassword: "secret", preferences })).toEqual({
      ok: false,
      fields: { ftpEmail: "Enter the email address of your Farm to People account" },
    });
  });

  it("when preferences are missing or break the sign-up rules, then the sign-up messages come back without the input", () => {
    expect(parseSettingsBody({})).toEqual({ ok: false, fields: { preferences: "Choose from the options shown" } });
    const parsed = parseSettingsBody({ preferences: { dietaryRestrictions: ["none", "vegan"], avoid: ["<script>"] } });
    expect(parsed).toEqual({
      ok: false,
      fields: {
        "preferences.dietaryRestrictions": "“None” cannot be combined with other restrictions",
        "preferences.avoid": "Use 2-30 letters, spaces or hyphens",
      },
    });
    expect(JSON.stringify(parsed)).not.toContain("script");
  });

  it("when the body is not an object, then one body-level message comes back", () => {
    expect(parseSettingsBody("hello")).toEqual({ ok: false, fields: { body: "Send the form as a JSON object" } });
  });
});

describe("parseDeleteBody", () => {
  it("when confirm is anything but true, then the confirm field is flagged", () => {
    for (const body of [{}, { confirm: false }, { confirm: "true" }]) {
      expect(parseDeleteBody(body)).toEqual({
        ok: false,
        fields: { confirm: "Tick the box to confirm that your data should be deleted" },
      });
    }
    expect(parseDeleteBody({ confirm: true })).toEqual({ ok: true, body: { confirm: true } });
  });
});

describe("changedFields", () => {
  it("when a save replaces the login, then the audit names the fields and never their values", () => {
    const parsed = parseSettingsBody({ ftpEmail: "pat@example.com", ftpPassword: "secret", preferences });
    if (!parsed.ok) throw new Error("expected a valid body");
    expect(changedFields(parsed.body)).toEqual(["preferences", "ftpEmail", "ftpPassword"]);
  });
});
