import type { PgBoss } from "pg-boss";
import { describe, expect, expectTypeOf, it } from "vitest";
import { describeTarget, libpqInvocation, withDatabase } from "../../../app/backup/connection";
import { compareRowCounts } from "../../../app/backup/integrity";
import { errorLinesOf } from "../../../app/backup/pg-tools";
import { DUTY_SCHEDULES, type ScheduleRegistry } from "../../../app/maintenance";
import { evaluateHealth, evaluateReadiness, evaluateSignupPage, evaluateUnsignedWebhook } from "../../../app/ops/smoke";

describe("row count comparison", () => {
  it("when a table lost rows, vanished or appeared, then each is named with both counts", () => {
    expect(compareRowCounts({ "public.users": 12, "public.carts": 3 }, { "public.users": 11, "public.extra": 0 })).toEqual([
      "public.users has 11 rows, the manifest says 12",
      "public.carts is missing (expected 3 rows)",
      "public.extra exists but is not in the manifest",
    ]);
    expect(compareRowCounts({ "public.users": 12 }, { "public.users": 12 })).toEqual([]);
  });
});

describe("database URLs for the PostgreSQL tools", () => {
  it("when the URL has a password, then it moves to PGPASSWORD and argv gets the URL without it", () => {
    expect(libpqInvocation("postgres://app:p%40ss@db.example.com:6543/postgres?sslmode=require")).toEqual({
      connectionArg: "postgres://app@db.example.com:6543/postgres?sslmode=require",
      env: { PGPASSWORD: "p@ss" },
    });
  });

  it("when a target is described or switched, then the password never shows", () => {
    expect(describeTarget("postgres://app:secret@db.example.com:6543/prod")).toBe("db.example.com:6543/prod");
    expect(withDatabase("postgres://app:secret@db:5432/postgres", "backup_verify_x")).toBe("postgres://app:secret@db:5432/backup_verify_x");
  });

  it("when pg_restore reports a failed row, then only the error line is kept and phone digits are masked", () => {
    const stderr = [
      'pg_restore: error: could not execute query: ERROR:  duplicate key value violates unique constraint "users_phone_unique"',
      "DETAIL:  Key (phone)=(+12025550143) already exists.",
      "CONTEXT:  COPY users, line 3",
      "psql:<stdin>:40: ERROR:  value +12025550143 is bad",
    ].join("\n");
    const kept = errorLinesOf(stderr);
    expect(kept).not.toContain("DETAIL");
    expect(kept).not.toContain("2025550143");
    expect(kept).toContain("users_phone_unique");
  });
});

describe("maintenance schedules", () => {
  it("when the schedules are listed, then each is a five-field UTC crontab with its own queue and monitor", () => {
    for (const s of DUTY_SCHEDULES) {
      expect(s.cron.split(" ")).toHaveLength(5);
      expect(s.timezone).toBe("UTC");
      expect(s.queue).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(s.maxRuntimeMinutes).toBeGreaterThan(0);
    }
    expect(new Set(DUTY_SCHEDULES.map((s) => s.queue)).size).toBe(DUTY_SCHEDULES.length);
    expect(new Set(DUTY_SCHEDULES.map((s) => s.monitorSlug)).size).toBe(DUTY_SCHEDULES.length);
    expect(DUTY_SCHEDULES.map((s) => [s.duty, s.cron])).toEqual([
      ["db-backup", "15 7 * * *"],
      ["backup-verify", "15 8 * * 1"],
      ["backup-retention", "45 9 * * *"],
      ["data-retention", "30 8 * * *"],
      ["selector-canary", "0 15 * * 3"],
    ]);
  });

  it("pg-boss 12 is a schedule registry", () => {
    expectTypeOf<PgBoss>().toExtend<ScheduleRegistry>();
  });
});

describe("smoke evaluation", () => {
  const answer = (status: number, body: string, contentType = "application/json") => ({ status, body, contentType });

  it.each([
    [answer(200, '{"status":"ok","version":"v2","environment":"production"}'), "v2", null],
    [answer(200, '{"status":"ok","version":"v1"}'), "v2", 'version "v1" is live, expected "v2"'],
    [answer(200, '{"status":"ok","version":"v1"}'), undefined, null],
    [answer(502, "Bad gateway", "text/html"), "v2", "GET /health answered 502"],
    [answer(200, "<html>", "text/html"), undefined, "GET /health did not answer JSON"],
  ])("health %j expecting %s → %s", (a, version, expected) => {
    expect(evaluateHealth(a, version)).toBe(expected);
  });

  it("readiness, signup and webhook verdicts", () => {
    expect(evaluateReadiness(answer(200, "{}"))).toBeNull();
    expect(evaluateReadiness(answer(503, '{"checks":{"database":{"status":"down"},"redis":{"status":"ok"}}}'))).toBe(
      "GET /ready answered 503 (failing: database)",
    );
    expect(evaluateSignupPage(answer(200, "<form action=/api/signup>", "text/html; charset=utf-8"))).toBeNull();
    expect(evaluateSignupPage(answer(200, "{}", "application/json"))).toBe("GET /signup is application/json, not HTML");
    expect(evaluateUnsignedWebhook(answer(401, ""))).toBeNull();
    expect(evaluateUnsignedWebhook(answer(400, ""))).toBe("an unsigned inbound webhook answered 400, expected 401");
  });
});
