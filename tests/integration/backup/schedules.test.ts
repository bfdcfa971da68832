// Registration of the maintenance duties with a real pg-boss on the real PostgreSQL server.
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDuties, DUTY_SCHEDULES, failUnlessOk, registerDuties, silentCronMonitor } from "../../../app/maintenance";
import { createTestDatabase } from "../../support/pg";

let boss: PgBoss;

beforeAll(async () => {
  boss = new PgBoss({ connectionString: await createTestDatabase("maintenance:schedules"), schema: "pgboss" });
  boss.on("error", () => undefined);
  await boss.start();
});

afterAll(async () => {
  await boss?.stop({ graceful: false });
});

describe("maintenance schedules in pg-boss", () => {
  it("when the duties are registered, then each has its queue and its UTC cron schedule, and a manual job runs the duty", async () => {
    const ran: string[] = [];
    const duties = createDuties(
      {
        backup: async () => ran.push("backup"),
        verifyBackup: async () => ran.push("verify"),
        pruneBackups: async () => ran.push("prune"),
        pruneHistory: async () => ran.push("history"),
        runCanary: failUnlessOk("canary", async () => ({ ok: true })),
      },
      silentCronMonitor,
    );

    const registered = await registerDuties(boss, duties);

    expect(registered.map((s) => s.queue)).toEqual(DUTY_SCHEDULES.map((s) => s.queue));
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron, s.options?.tz ?? s.timezone]).sort()).toEqual(
      DUTY_SCHEDULES.map((s) => [s.queue, s.cron, "UTC"]).sort(),
    );
    await boss.send("maintenance-db-backup", {});
    await expect.poll(() => ran, { timeout: 20_000, interval: 200 }).toContain("backup");
  });

  it("when the canary reports not ok, then the duty throws duty_failed", async () => {
    const duty = failUnlessOk(
      "selector canary",
      async () => ({ ok: false, missing: ["cart marker"] }),
      (r) => r.missing.join(", "),
    );

    await expect(duty()).rejects.toMatchObject({ code: "duty_failed", message: "selector canary reported failure: cart marker" });
  });
});
