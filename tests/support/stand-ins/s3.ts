// s3rver 3.7.1 on a free loopback port, with a real S3Client pointed at it and a record of every request's
// method, path and headers as they arrived on the wire (to assert what our code asked of S3, e.g. SSE).
import { mkdtemp, rm } from "node:fs/promises";
import type { IncomingHttpHeaders, IncomingMessage, Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";

interface S3rverInstance {
  run(): Promise<{ port: number; address: string }>;
  close(): Promise<void>;
  httpServer: Server;
}
type S3rverConstructor = new (options: { port: number; address: string; directory: string; silent: boolean }) => S3rverInstance;

export interface RecordedS3Request {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface S3StandIn {
  endpoint: string;
  client: S3Client;
  requests: RecordedS3Request[];
  createBucket(name: string): Promise<void>;
  close(): Promise<void>;
}

export const STAND_IN_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export async function startS3StandIn(): Promise<S3StandIn> {
  const S3rver = require("s3rver") as S3rverConstructor;
  const directory = await mkdtemp(join(tmpdir(), "s3rver-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", directory, silent: true });
  const { port } = await server.run();
  const requests: RecordedS3Request[] = [];
  server.httpServer.prependListener("request", (req: IncomingMessage) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: STAND_IN_CREDENTIALS });
  return {
    endpoint,
    client,
    requests,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
