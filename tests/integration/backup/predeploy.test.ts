// Railway's preDeployCommand: backup first, then the contract's `npm run migrate -- up`; no migration when the
// backup fails.
import { execFile } from "node:child_process";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../support/pg";
import { type S3StandIn, STAND_IN_CREDENTIALS, startS3StandIn } from "../../support/stand-ins/s3";
import { query } from "./fixtures";

let s3: S3StandIn;

beforeAll(async () => {
  s3 = await startS3StandIn();
  await s3.createBucket("deploy-backups");
});

afterAll(async () => {
  await s3?.close();
});

function predeploy(databaseUrl: string, bucket: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "node_modules/.bin/tsx",
      ["app/backup/predeploy.ts"],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: databaseUrl,
          BACKUP_S3_BUCKET: bucket,
          AWS_ENDPOINT_URL_S3: s3.endpoint,
          AWS_ACCESS_KEY_ID: STAND_IN_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: STAND_IN_CREDENTIALS.secretAccessKey,
          LOG_LEVEL: "warn",
          NODE_NO_WARNINGS: "1",
        },
        timeout: 120_000,
      },
      (err, _stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stderr }),
    );
  });
}

const ledger = "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS migrated";

describe("pre-deploy command", () => {
  it("when the backup succeeds, then a predeploy backup is stored and the migrations are applied", async () => {
    const url = await createTestDatabase("predeploy:ok");

    const run = await predeploy(url, "deploy-backups");

    expect(run.code).toBe(0);
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: "deploy-backups", Prefix: "backups/" }));
    expect(listed.Contents?.map((o) => o.Key).filter((k) => k?.endsWith("-predeploy.manifest.json"))).toHaveLength(1);
    expect(await query(url, ledger)).toEqual([{ migrated: true }]);
  });

  it("when the backup fails, then it exits non-zero and nothing is migrated", async () => {
    const url = await createTestDatabase("predeploy:no-bucket");

    const run = await predeploy(url, "missing-bucket");

    expect(run.code).toBe(11);
    expect(run.stderr).toContain("upload_failed");
    expect(await query(url, ledger)).toEqual([{ migrated: false }]);
  });
});
