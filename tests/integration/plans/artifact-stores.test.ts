// Both PlanArtifactStore adapters: the local folder, and S3 through the real SDK against s3rver (bytes checked by
// SHA-256, since a wrong upload path stores aws-chunked framing inside the object).
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalArtifactStore, pdfArtifactKey } from "../../../app/plans/artifact-store";
import { createS3ArtifactStore } from "../../../app/plans/s3-artifact-store";
import { type S3StandIn, startS3StandIn } from "../../support/stand-ins/s3";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const body = randomBytes(6 * 1024 * 1024 + 123); // larger than one multipart part
const key = pdfArtifactKey("0b7c1c9e-3f52-4a52-9f7e-5c1f8f6d2a11");

describe("local artifact store", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "plans-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("when an artifact is stored, then the file holds the same bytes and reads back", async () => {
    const store = createLocalArtifactStore(dir);
    await store.put(key, body, "application/pdf");
    expect(sha256(await readFile(join(dir, key)))).toBe(sha256(body));
    expect(sha256((await store.get(key))!)).toBe(sha256(body));
  });

  it("when an artifact is missing or deleted, then it reads as null", async () => {
    const store = createLocalArtifactStore(dir);
    expect(await store.get("nothing/here.pdf")).toBeNull();
    await store.put("gone/meal-plan.pdf", Buffer.from("x"), "application/pdf");
    await store.delete("gone/meal-plan.pdf");
    expect(await store.get("gone/meal-plan.pdf")).toBeNull();
  });

  it("when a key tries to leave the folder, then it is refused", async () => {
    const store = createLocalArtifactStore(dir);
    await expect(store.get("../etc/passwd")).rejects.toThrow("invalid artifact key");
    await expect(store.put("/abs/path", Buffer.from("x"), "text/plain")).rejects.toThrow("invalid artifact key");
  });
});

describe("S3 artifact store", () => {
  let s3: S3StandIn;
  beforeAll(async () => {
    s3 = await startS3StandIn();
    await s3.createBucket("plan-artifacts");
  });
  afterAll(async () => {
    await s3.close();
  });

  it("when an artifact is uploaded, then the stored object has exactly the bytes sent", async () => {
    const store = createS3ArtifactStore({ client: s3.client, bucket: "plan-artifacts" });
    await store.put(key, body, "application/pdf");
    const raw = await s3.client.send(new GetObjectCommand({ Bucket: "plan-artifacts", Key: `plans/${key}` }));
    expect(raw.ContentType).toBe("application/pdf");
    expect(sha256(await raw.Body!.transformToByteArray())).toBe(sha256(body));
    expect(sha256((await store.get(key))!)).toBe(sha256(body));
  });

  it("when an artifact is missing or deleted, then it reads as null", async () => {
    const store = createS3ArtifactStore({ client: s3.client, bucket: "plan-artifacts", prefix: "other/" });
    expect(await store.get(key)).toBeNull();
    await store.put("x/meal-plan.pdf", Buffer.from("%PDF-1.4"), "application/pdf");
    await store.delete("x/meal-plan.pdf");
    expect(await store.get("x/meal-plan.pdf")).toBeNull();
  });
});
