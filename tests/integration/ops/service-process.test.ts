// The built service as the container starts it (`node dist/app/main.js`): health, SIGTERM, bad configuration.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HealthSchema } from "../../../app/ops/health";
import { startChild } from "../../support/process";

const NODE = process.execPath;
const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME };

describe("the service process", () => {
  beforeAll(() => {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  }, 120_000);

  it("when started with no configuration in development, then /health answers and SIGTERM exits cleanly", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "svc-"));
    const child = startChild(NODE, ["dist/app/main.js"], {
      ...baseEnv,
      PORT: "0",
      DATA_DIR: dataDir,
      APP_VERSION: "abc123",
      ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
    });
    // A new data folder starts the embedded database from scratch (initdb, migrations): slow on a busy machine.
    const { port } = (await child.waitForLine((l) => l.msg === "listening", 150_000)) as { port: number };

    const res = await fetch(`http://127.0.0.1:${port}/health`);
    const body = HealthSchema.parse(await res.json());
    expect(res.status).toBe(200);
    expect([body.status, body.version, body.environment]).toEqual(["ok", "abc123", "development"]);
    expect(body.memory.rssBytes).toBeGreaterThan(0);

    child.proc.kill("SIGTERM");
    await expect(child.exited).resolves.toBe(0);
    expect(child.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down", "http drained"]));
  }, 200_000);

  it("when production starts with several variables missing or invalid, then it exits 78 naming all of them and echoing none", async () => {
    const child = startChild(NODE, ["dist/app/main.js"], {
      ...baseEnv,
      ENVIRONMENT: "production",
      PORT: "not-a-port",
      API_KEY: "short-secret-value",
    });
    await expect(child.exited).resolves.toBe(78);
    const stderr = child.stderr();
    for (const name of ["PORT", "API_KEY", "SECRET_KEY", "ENCRYPTION_KEY", "DATABASE_URL", "VONAGE_API_KEY", "SENTRY_DSN"]) {
      expect(stderr).toContain(`${name}:`);
    }
    expect(stderr).not.toContain("short-secret-value");
  });
});
