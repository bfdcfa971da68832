import { describe, expect, it } from "vitest";
import { checkInBody, createSentryCronMonitor, cronCheckInUrl, withCheckIns } from "../../../app/maintenance/cron-monitor";

describe("Sentry cron check-ins", () => {
  it.each([
    ["https://abc123@o42.ingest.sentry.io/7", "https://o42.ingest.sentry.io/api/7/cron/db-backup/abc123/"],
    ["http://key@127.0.0.1:9000/15", "http://127.0.0.1:9000/api/15/cron/db-backup/key/"],
    ["https://key@sentry.example.com/relay/3", "https://sentry.example.com/relay/api/3/cron/db-backup/key/"],
  ])("when the DSN is %s, then check-ins go to %s", (dsn, url) => {
    expect(cronCheckInUrl(dsn, "db-backup")).toBe(url);
  });

  it("when the DSN has no key, then it is refused", () => {
    expect(() => cronCheckInUrl("https://o42.ingest.sentry.io/7", "x")).toThrow(RangeError);
  });

  it("when a check-in carries a schedule, then the body upserts a crontab monitor", () => {
    const body = checkInBody(
      {
        slug: "db-backup",
        status: "ok",
        checkInId: "c1",
        durationSeconds: 12.5,
        schedule: { cron: "15 7 * * *", timezone: "UTC", checkinMarginMinutes: 30, maxRuntimeMinutes: 60 },
      },
      "production",
    );
    expect(body).toEqual({
      check_in_id: "c1",
      status: "ok",
      environment: "production",
      duration: 12.5,
      monitor_config: { schedule: { type: "crontab", value: "15 7 * * *" }, timezone: "UTC", checkin_margin: 30, max_runtime: 60 },
    });
  });

  it("when the duty throws, then error is checked in and the duty's own error reaches the caller", async () => {
    const statuses: string[] = [];
    const monitor = {
      checkIn: async (c: { status: string }) => {
        statuses.push(c.status);
        return true;
      },
    };
    const failure = new Error("dump failed");

    await expect(withCheckIns(monitor, "db-backup", undefined, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(statuses).toEqual(["in_progress", "error"]);
  });

  it("when Sentry is unreachable, then the check-in resolves false and the duty still runs", async () => {
    const warnings: object[] = [];
    const monitor = createSentryCronMonitor({
      dsn: "http://key@127.0.0.1:9/1",
      environment: "test",
      fetch: () => Promise.reject(new TypeError("fetch failed")),
      logger: { warn: (obj) => warnings.push(obj) },
    });

    const result = await withCheckIns(monitor, "db-backup", undefined, async () => 42);

    expect(result).toBe(42);
    expect(warnings).toEqual([
      { slug: "db-backup", error: "TypeError" },
      { slug: "db-backup", error: "TypeError" },
    ]);
    expect(JSON.stringify(warnings)).not.toContain("key@");
  });
});
