// The S3 adapter of PlanArtifactStore. Uploads go through lib-storage's Upload: a plain PutObject with a stream body
// is stored by some S3-compatible servers with aws-chunked framing inside the object (notes/machine.md, s3rver).
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, type S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { assertArtifactKey, type PlanArtifactStore } from "./artifact-store";

export interface S3ArtifactStoreOptions {
  /** Built in compose.ts (region, endpoint override for s3rver, credentials from the environment). */
  client: S3Client;
  bucket: string;
  /** @default "plans/" */
  prefix?: string;
}

export function createS3ArtifactStore(options: S3ArtifactStoreOptions): PlanArtifactStore {
  const { client, bucket } = options;
  const prefix = options.prefix ?? "plans/";
  const keyOf = (key: string) => {
    assertArtifactKey(key);
    return `${prefix}${key}`;
  };
  return {
    async put(key, body, contentType) {
      await new Upload({ client, params: { Bucket: bucket, Key: keyOf(key), Body: body, ContentType: contentType } }).done();
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
        if (!out.Body) return null;
        return Buffer.from(await out.Body.transformToByteArray());
      } catch (err) {
        if (err instanceof NoSuchKey || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)) return null;
        throw err;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
    },
  };
}
