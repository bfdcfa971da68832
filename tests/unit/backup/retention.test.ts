import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectExpiredBackups } from "../../../app/backup/retention";

const NOW = new Date("2026-11-28T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const daily = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `b${i}`, createdAt: daysAgo(i) }));

describe("backup retention", () => {
  it("when backups are daily for 40 days with 35 days' retention, then the four oldest go", () => {
    expect(selectExpiredBackups(daily(40), NOW, { retentionDays: 35, keepAtLeast: 7, protectedKeys: [] })).toEqual([
      "b36",
      "b37",
      "b38",
      "b39",
    ]);
  });

  it("when backups stopped 60 days ago, then the newest seven stay however old", () => {
    const old = Array.from({ length: 10 }, (_, i) => ({ key: `old${i}`, createdAt: daysAgo(60 + i) }));
    expect(selectExpiredBackups(old, NOW, { retentionDays: 35, keepAtLeast: 7, protectedKeys: [] })).toEqual(["old7", "old8", "old9"]);
  });

  it("when the last verified backup is past retention, then it stays", () => {
    expect(selectExpiredBackups(daily(40), NOW, { retentionDays: 35, keepAtLeast: 7, protectedKeys: ["b38"] })).toEqual([
      "b36",
      "b37",
      "b39",
    ]);
  });

  it("for any set of backups, the newest keepAtLeast and anything younger than retention are never selected", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10 }),
        (ages, days, keep) => {
          const backups = ages.map((a, i) => ({ key: `k${i}`, createdAt: daysAgo(a) }));
          const expired = new Set(selectExpiredBackups(backups, NOW, { retentionDays: days, keepAtLeast: keep, protectedKeys: [] }));
          const newest = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, keep);
          for (const b of newest) expect(expired.has(b.key)).toBe(false);
          for (const b of backups) if (b.createdAt.getTime() >= daysAgo(days).getTime()) expect(expired.has(b.key)).toBe(false);
        },
      ),
    );
  });
});
