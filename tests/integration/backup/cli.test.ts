// The backup command line as operators and schedules run it: a real child process, real pg_dump, s3rver, and
// a local HTTP endpoint standing in for Sentry's cron check-in API.
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readLastVerifiedBackupAge } from "../../../app/backup";
import { buildKeyring } from "../../../app/security/crypto";
import { createTestDatabase } from "../../support/pg";
import { type S3StandIn, STAND_IN_CREDENTIALS, startS3StandIn } from "../../support/stand-ins/s3";
import { query, randomKey, seedApplicationDatabase } from "./fixtures";

interface ReceivedCheckIn {
  method: string;
  path: string;
  body: { status: string; check_in_id: string; monitor_config?: { schedule: { type: string; value: string } } };
}

let s3: S3StandIn;
let sentry: Server;
let sentryPort: number;
const checkIns: ReceivedCheckIn[] = [];
let sourceUrl: string;
const ENCRYPTION_KEY = randomKey();
const USERS = 12;

beforeAll(async () => {
  s3 = await startS3StandIn();
  await s3.createBucket("cli-backups");
  sentry = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => {
      checkIns.push({ method: req.method ?? "", path: req.url ?? "", body: JSON.parse(body || "{}") });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => sentry.listen(0, "127.0.0.1", resolve));
  sentryPort = (sentry.address() as AddressInfo).port;
  sourceUrl = await seedApplicationDatabase("backup-cli:source", buildKeyring({ current: ENCRYPTION_KEY }), USERS);
});

afterAll(async () => {
  await s3?.close();
  await new Promise((resolve) => sentry?.close(resolve));
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "node_modules/.bin/tsx",
      ["app/backup/cli.ts", ...args],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: sourceUrl,
          BACKUP_S3_BUCKET: "cli-backups",
          BACKUP_S3_PREFIX: "nightly/",
          AWS_ENDPOINT_URL_S3: s3.endpoint,
          AWS_ACCESS_KEY_ID: STAND_IN_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: STAND_IN_CREDENTIALS.secretAccessKey,
          SENTRY_DSN: `http://publickey@127.0.0.1:${sentryPort}/42`,
          ENCRYPTION_KEY,
          BACKUP_VERIFY_DATABASE_URL: inject("databaseUrl"),
          LOG_LEVEL: "warn",
          NODE_NO_WARNINGS: "1",
          ...env,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("backup command line", () => {
  it("when npm run backup succeeds, then it prints the manifest and checks in to Sentry in_progress then ok with the schedule", async () => {
    checkIns.length = 0;

    const run = await cli(["backup"]);

    expect(run.code).toBe(0);
    const manifest = JSON.parse(run.stdout);
    expect(manifest.key).toMatch(/^nightly\/\d{8}T\d{9}Z-manual\.pgdump$/);
    expect(manifest.rowCounts["public.users"]).toBe(USERS);
    expect(manifest.rowCounts["public.ftp_credentials"]).toBe(USERS);
    expect(manifest.schemaVersion).toMatch(/^\d{4}_/);
    expect(checkIns.map((c) => [c.method, c.path, c.body.status])).toEqual([
      ["POST", "/api/42/cron/db-backup/publickey/", "in_progress"],
      ["POST", "/api/42/cron/db-backup/publickey/", "ok"],
    ]);
    expect(checkIns[0]!.body.check_in_id).toBe(checkIns[1]!.body.check_in_id);
    expect(checkIns[0]!.body.monitor_config?.schedule).toEqual({ type: "crontab", value: "15 7 * * *" });
  });

  it("when the upload fails, then it exits 11 with the reason on stderr and checks in error", async () => {
    checkIns.length = 0;

    const run = await cli(["backup"], { BACKUP_S3_BUCKET: "no-such-bucket" });

    expect(run.code).toBe(11);
    const { error } = JSON.parse(run.stderr.trim().split("\n").at(-1)!);
    expect(error.code).toBe("upload_failed");
    expect(error.message).toContain("NoSuchBucket");
    expect(checkIns.map((c) => c.body.status)).toEqual(["in_progress", "error"]);
  });

  it("when the database cannot be reached, then it exits 10 (dump_failed) without printing the password", async () => {
    const run = await cli(["backup"], { DATABASE_URL: "postgres://postgres:hunter2-secret@127.0.0.1:1/nothing" });

    expect(run.code).toBe(10);
    expect(JSON.parse(run.stderr.trim().split("\n").at(-1)!).error.code).toBe("dump_failed");
    expect(run.stderr).not.toContain("hunter2-secret");
  });

  it("when restore targets a database that holds tables, then it exits 14 unless --yes is given", async () => {
    expect((await cli(["backup"])).code).toBe(0);
    const targetUrl = await createTestDatabase("backup-cli:target");
    await query(targetUrl, "CREATE TABLE public.users (id int)");

    const refused = await cli(["restore", "--from", "latest", "--target", "env:RESTORE_TARGET"], { RESTORE_TARGET: targetUrl });
    expect(refused.code).toBe(14);
    expect(JSON.parse(refused.stderr.trim().split("\n").at(-1)!).error.code).toBe("target_not_empty");

    const replaced = await cli(["restore", "--from", "latest", "--target", "env:RESTORE_TARGET", "--yes"], { RESTORE_TARGET: targetUrl });
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.stdout).checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect(await query(targetUrl, "SELECT count(*)::int AS n FROM public.ftp_credentials")).toEqual([{ n: USERS }]);
  });

  it("when the restore runs with a different encryption key, then it exits 16 naming the undecryptable credentials", async () => {
    const targetUrl = await createTestDatabase("backup-cli:target-wrong-key");

    const run = await cli(["restore", "--from", "latest", "--target", "env:RESTORE_TARGET"], {
      RESTORE_TARGET: targetUrl,
      ENCRYPTION_KEY: randomKey(),
    });

    expect(run.code).toBe(16);
    const { error } = JSON.parse(run.stderr.trim().split("\n").at(-1)!);
    expect(error.code).toBe("integrity_failed");
    expect(error.message).toContain(`${USERS} value(s) of ftp_credentials.password under key`);
    expect(error.message).toContain("(unknown key)");
  });

  it("when the old key is still listed in ENCRYPTION_KEYS_PREVIOUS, then the same restore passes", async () => {
    const targetUrl = await createTestDatabase("backup-cli:target-rotated-key");

    const run = await cli(["restore", "--from", "latest", "--target", "env:RESTORE_TARGET"], {
      RESTORE_TARGET: targetUrl,
      ENCRYPTION_KEY: randomKey(),
      ENCRYPTION_KEYS_PREVIOUS: ENCRYPTION_KEY,
    });

    expect(run.code).toBe(0);
  });

  it("when backup:verify runs, then it reports RTO and RPO, checks in, drops its scratch database and publishes the verified age", async () => {
    checkIns.length = 0;

    const run = await cli(["verify"]);

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.rtoSeconds).toBeGreaterThan(0);
    expect(report.rpoSeconds).toBeGreaterThanOrEqual(0);
    expect(report.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ["constraints valid", true],
      ["row counts equal the manifest", true],
      ["schema version equals the manifest", true],
      ["every stored credential decrypts with the current keys", true],
      ["every stored phone is canonical", true],
      ["every application schema is backed up", true],
    ]);
    expect(checkIns.map((c) => [c.path, c.body.status])).toEqual([
      ["/api/42/cron/backup-verify/publickey/", "in_progress"],
      ["/api/42/cron/backup-verify/publickey/", "ok"],
    ]);
    expect(await query(inject("databaseUrl"), "SELECT datname FROM pg_database WHERE datname LIKE 'backup_verify_%'")).toEqual([]);
    const client = new S3Client({ endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials: STAND_IN_CREDENTIALS });
    const bucket = { s3: client, bucket: "cli-backups", prefix: "nightly/", sse: "AES256" as const };
    const age = await readLastVerifiedBackupAge(bucket, new Date(Date.parse(report.backupCreatedAt) + 3_600_000));
    expect(age).toBe(3600);
    client.destroy();
  });

  it("when the command is unknown, then it exits 2 with the usage", async () => {
    const run = await cli(["restroe"]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("npm run restore -- --from latest|<key>");
  });
});
