// The application integrity checks on their own, and the retention duty against s3rver.
import { PutObjectCommand } from "@aws-sdk/client-s3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phonesCanonical } from "../../../app/backup/app-integrity";
import type { BackupBucket } from "../../../app/backup/bucket";
import { listKeys, writeJson } from "../../../app/backup/bucket";
import { runIntegrityChecks } from "../../../app/backup/integrity";
import { type BackupManifest, backupKeyFor, manifestKeyFor, verificationMarkerKey } from "../../../app/backup/manifest";
import { pruneBackups } from "../../../app/backup/prune";
import { buildKeyring } from "../../../app/security/crypto";
import { type S3StandIn, startS3StandIn } from "../../support/stand-ins/s3";
import { query, randomKey, seedApplicationDatabase } from "./fixtures";

let s3: S3StandIn;

beforeAll(async () => {
  s3 = await startS3StandIn();
  await s3.createBucket("retention-test");
});

afterAll(async () => {
  await s3?.close();
});

describe("application integrity", () => {
  it("when a phone was stored in another format, then the check counts it without showing it", async () => {
    const url = await seedApplicationDatabase("maintenance:phones", buildKeyring({ current: randomKey() }), 3);
    await query(url, "UPDATE public.users SET phone = '(202) 555-0100' WHERE phone = '+12025550100'");
    const db = new pg.Client({ connectionString: url });
    await db.connect();

    const [result] = await runIntegrityChecks({ db, manifest: {} as BackupManifest }, [phonesCanonical]);
    await db.end();

    expect(result).toMatchObject({ ok: false, problems: ["1 row(s) of public.users.phone are not canonical +1XXXXXXXXXX"] });
    expect(JSON.stringify(result)).not.toContain("555");
  });
});

describe("backup retention duty", () => {
  it("when backups span 50 days, then those past retention go, the last verified and unfinished young dumps stay", async () => {
    const bucket: BackupBucket = { s3: s3.client, bucket: "retention-test", prefix: "r/", sse: "AES256" };
    const now = new Date("2026-11-28T12:00:00Z");
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const put = (Key: string) => s3.client.send(new PutObjectCommand({ Bucket: bucket.bucket, Key, Body: Buffer.from("x") }));
    for (let d = 0; d < 50; d += 5) {
      const key = backupKeyFor("r/", at(d), "scheduled");
      await put(key);
      await put(manifestKeyFor(key));
    }
    const verified = backupKeyFor("r/", at(45), "scheduled");
    await writeJson(bucket, verificationMarkerKey("r/"), {
      backupKey: verified,
      backupCreatedAt: at(45).toISOString(),
      verifiedAt: at(44).toISOString(),
      restoreSeconds: 10,
      backupAgeSecondsAtVerification: 86400,
    });
    const youngOrphan = backupKeyFor("r/", at(0.1), "manual");
    const oldOrphan = backupKeyFor("r/", at(3), "manual");
    await put(youngOrphan);
    await put(oldOrphan);

    const result = await pruneBackups(bucket, now, { retentionDays: 35, keepAtLeast: 7 });

    expect(result.deletedBackups).toEqual([backupKeyFor("r/", at(40), "scheduled")]);
    expect(result.deletedOrphans).toEqual([oldOrphan]);
    const left = await listKeys(bucket);
    expect(left).toContain(verified);
    expect(left).toContain(youngOrphan);
    expect(left).not.toContain(manifestKeyFor(backupKeyFor("r/", at(40), "scheduled")));
    expect(left.filter((k) => k.endsWith(".manifest.json"))).toHaveLength(9);
  });
});
