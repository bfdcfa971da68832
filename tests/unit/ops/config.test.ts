import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../app/config";

const KEY = Buffer.alloc(32, 7).toString("base64");
const production = {
  ENVIRONMENT: "production",
  SECRET_KEY: "s".repeat(40),
  API_KEY: "a".repeat(32),
  ENCRYPTION_KEY: KEY,
  DATABASE_URL: "postgres://u@db.example:5432/app",
  PUBLIC_BASE_URL: "https://assistant.example.com/",
  VONAGE_API_KEY: "k",
  VONAGE_API_SECRET: "v-secret",
  VONAGE_PHONE_NUMBER: "18334391183",
  VONAGE_SIGNATURE_SECRET: "sig-secret",
  SENTRY_DSN: "https://key@o1.ingest.sentry.io/2",
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("parseConfig", () => {
  it("when nothing is set in development, then embedded defaults apply", () => {
    const config = parseConfig({});
    expect(config.ENVIRONMENT).toBe("development");
    expect(config.PORT).toBe(8080);
    expect(config.PUBLIC_BASE_URL).toBe("http://localhost:8080");
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.MOCK_SMS).toBe(false);
    expect(config.FTP_BASE_URL).toBe("https://farmtopeople.com");
    expect(config.ENCRYPTION_KEY).toBeUndefined();
  });

  it("when production is complete, then it parses and strips the trailing slash of the public URL", () => {
    const config = parseConfig(production);
    expect(config.PUBLIC_BASE_URL).toBe("https://assistant.example.com");
    expect(config.LOG_LEVEL).toBe("info");
  });

  it("when several variables are missing or invalid in production, then one error names all of them", () => {
    const { SECRET_KEY: _s, DATABASE_URL: _d, ...rest } = production;
    const problems = problemsOf({ ...rest, PORT: "http", ENCRYPTION_KEY: "short", LOG_LEVEL: "loud" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "ENCRYPTION_KEY", "LOG_LEVEL", "PORT", "SECRET_KEY"]);
  });

  it("when a secret is invalid, then the message does not echo its value", () => {
    let message = "";
    try {
      parseConfig({ ...production, API_KEY: "tooshort-secret-value" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("API_KEY: must be at least 24 characters");
    expect(message).not.toContain("tooshort-secret-value");
  });

  it("when production asks for MOCK_SMS, then it is refused", () => {
    expect(problemsOf({ ...production, MOCK_SMS: "true" })).toEqual([expect.stringMatching(/^MOCK_SMS: must not be true in production/)]);
  });

  it("when staging is configured, then MOCK_SMS and DEBUG are allowed and upper-case log levels accepted", () => {
    const config = parseConfig({ ...production, ENVIRONMENT: "staging", MOCK_SMS: "true", DEBUG: "true", LOG_LEVEL: "DEBUG" });
    expect([config.MOCK_SMS, config.DEBUG, config.LOG_LEVEL]).toEqual([true, true, "debug"]);
  });
});
