import { describe, expect, it } from "vitest";
import { maskEmail } from "../../../app/store/credentials-repository";
import { embeddedPoolSettings } from "../../../app/store/database";
import { EMBEDDED_APP_POOL_MAX } from "../../../app/store/embedded";
import { isStaleLock } from "../../../app/store/owner-lock";
import { type PoolSettings, poolOptions } from "../../../app/store/pool";
import { RETENTION_POLICY, retentionCutoffs } from "../../../app/store/retention";

const settings: PoolSettings = { size: 5, maxOverflow: 10, recycleSeconds: 3600, statementTimeoutMs: 30_000, prePing: true };

describe("pool options", () => {
  it("when the seed's sizes are configured, then base size stays open and overflow raises the ceiling", () => {
    expect(poolOptions("postgres://db", settings)).toMatchObject({
      min: 5,
      max: 15,
      maxLifetimeSeconds: 3600,
      statement_timeout: 30_000,
    });
  });

  it.each([
    [
      { size: 5, maxOverflow: 10 },
      { size: EMBEDDED_APP_POOL_MAX, maxOverflow: 0 },
    ],
    [
      { size: 2, maxOverflow: 10 },
      { size: 2, maxOverflow: EMBEDDED_APP_POOL_MAX - 2 },
    ],
    [
      { size: 1, maxOverflow: 1 },
      { size: 1, maxOverflow: 1 },
    ],
  ])("when PGlite gets %j, then the pool is %j", (given, expected) => {
    expect(embeddedPoolSettings({ ...settings, ...given })).toEqual({ ...settings, ...expected });
  });
});

describe("owner lock", () => {
  const probe = { pid: 100, host: "app-1", isAlive: (pid: number) => pid === 200 };

  it.each([
    ["a dead process on this host", { pid: 300, host: "app-1", since: "" }, true],
    ["a live process on this host", { pid: 200, host: "app-1", since: "" }, false],
    ["this very process", { pid: 100, host: "app-1", since: "" }, false],
    ["a process on another host", { pid: 300, host: "app-2", since: "" }, false],
    ["an unreadable lock file", undefined, false],
  ])("when the lock is held by %s, then taking it over is %s", (_label, owner, stale) => {
    expect(isStaleLock(owner, probe)).toBe(stale);
  });
});

describe("retention", () => {
  it("when retention runs at a given instant, then each cut-off lies its documented number of days before it", () => {
    const now = new Date("2026-11-28T12:00:00.000Z");

    expect(retentionCutoffs(now)).toEqual({
      messagesBefore: new Date("2026-08-30T12:00:00.000Z"),
      plansBefore: new Date("2026-08-30T12:00:00.000Z"),
      cartHistoryBefore: new Date("2026-08-30T12:00:00.000Z"),
      pendingAccountsBefore: new Date("2026-11-21T12:00:00.000Z"),
      settingsTokensBefore: new Date("2026-11-27T12:00:00.000Z"),
    });
    expect(RETENTION_POLICY).toEqual({ messagesDays: 90, plansDays: 90, cartHistoryDays: 90, pendingAccountDays: 7, settingsTokenDays: 1 });
  });
});

describe("maskEmail", () => {
  it.each([
    ["jane.doe@example.com", "j***@example.com"],
    ["j@example.com", "j***@example.com"],
    ["not-an-email", "***"],
  ])("when the email is %s, then the settings page shows %s", (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});
