import { describe, expect, it } from "vitest";
import { type CheckResult, decideReadiness, ReadinessSchema, runCheck } from "../../../app/ops/readiness";
import { describeError, sanitizeErrorText } from "../../../app/ops/safe-error-text";

const ok = (critical: boolean): CheckResult => ({ ok: true, critical, latencyMs: 1 });
const down = (critical: boolean): CheckResult => ({ ok: false, critical, latencyMs: 1, error: "x" });

describe("the readiness verdict", () => {
  it.each<{ when: string; checks: Record<string, CheckResult>; draining: boolean; status: string }>([
    { when: "every check passes", checks: { database: ok(true), redis: ok(false) }, draining: false, status: "ok" },
    { when: "a non-critical check fails", checks: { database: ok(true), redis: down(false) }, draining: false, status: "degraded" },
    { when: "a critical check fails", checks: { database: down(true), redis: ok(false) }, draining: false, status: "unavailable" },
    { when: "a shutdown is in progress", checks: { database: ok(true) }, draining: true, status: "unavailable" },
    { when: "there are no checks", checks: {}, draining: false, status: "ok" },
  ])("when $when, then the status is $status", ({ checks, draining, status }) => {
    const verdict = decideReadiness(checks, draining);
    expect(verdict.status).toBe(status);
    expect(ReadinessSchema.parse(verdict)).toEqual(verdict);
  });
});

describe("running one check", () => {
  it("when the check never answers, then it fails with its timeout and its signal is aborted", async () => {
    let aborted = false;
    const result = await runCheck({
      name: "hang",
      critical: true,
      timeoutMs: 20,
      check: (signal) =>
        new Promise<void>(() => {
          signal.addEventListener("abort", () => {
            aborted = true;
          });
        }),
    });
    expect(result).toMatchObject({ ok: false, critical: true, error: "CheckTimeoutError: no answer within 20 ms" });
    expect(aborted).toBe(true);
  });

  it("when the check throws synchronously, then it is reported as failed rather than crashing", async () => {
    const result = await runCheck({
      name: "sync",
      critical: false,
      timeoutMs: 1000,
      check: () => {
        throw new Error("boom");
      },
    });
    expect(result).toMatchObject({ ok: false, error: "Error: boom" });
  });

  it("when an injected clock advances 12.34 ms, then the latency is measured from it", async () => {
    const ticks = [100, 112.34];
    const result = await runCheck({ name: "db", critical: true, timeoutMs: 1000, check: async () => {} }, () => ticks.shift() ?? 0);
    expect(result).toEqual({ ok: true, critical: true, latencyMs: 12.3 });
  });
});

describe("error texts shown to operators", () => {
  it.each([
    [
      "password in a connection URL",
      "connect failed postgres://app:s3cr3t@db.example.com:5432/app",
      "postgres://***@db.example.com:5432/app",
    ],
    ["token in a query string", "GET https://api.example.com/v1/x?api_key=abc123&x=1 failed", "https://api.example.com/v1/x?***"],
    ["bearer header", "sent Authorization: Bearer sk-live-123 and failed", "Bearer ***"],
    ["key=value secret", "password=hunter2 rejected", "password=***"],
    ["phone number", "no user for +1 (212) 555-0123", "***23"],
  ])("when the error holds a %s, then it is removed", (_what, input, expected) => {
    const out = sanitizeErrorText(input);
    expect(out).toContain(expected);
    expect(out).not.toMatch(/s3cr3t|abc123|sk-live-123|hunter2|555-0123/);
  });

  it("when the message is very long, then it is cut to 200 characters", () => {
    expect(sanitizeErrorText("a".repeat(500))).toHaveLength(200);
  });

  it("when an error carries a code, then the code labels it", () => {
    const err = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(describeError(err)).toBe("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1");
  });
});
