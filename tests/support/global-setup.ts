// Hands the real services' URLs to every test. .ci/run exports TEST_DATABASE_URL and TEST_REDIS_URL after
// starting them; on a developer machine we start them here through the same script.
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
  }
}

export default function setup(project: TestProject): void {
  let databaseUrl = process.env.TEST_DATABASE_URL;
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!databaseUrl || !redisUrl) {
    const out = execFileSync("bash", [".ci/services.sh", "start"], { encoding: "utf8" });
    const vars = Object.fromEntries(
      out
        .trim()
        .split("\n")
        .map((l) => l.split("=", 2) as [string, string]),
    );
    databaseUrl ??= vars.DATABASE_URL;
    redisUrl ??= vars.REDIS_URL;
  }
  if (!databaseUrl || !redisUrl) throw new Error("could not start PostgreSQL and Redis (see .ci/services.sh)");
  process.env.TEST_DATABASE_URL = databaseUrl;
  process.env.TEST_REDIS_URL = redisUrl;
  project.provide("databaseUrl", databaseUrl);
  project.provide("redisUrl", redisUrl);
}
