// The composed service with real parts for end-to-end tests: real PostgreSQL and Redis, the replica of
// farmtopeople.com in real Chromium, and the official SDKs pointed at the OpenAI and Vonage stand-ins.
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { ReplicaAccount } from "../support/ftp-replica";
import { BEEF_AND_ZUCCHINI } from "../support/planner-carts";

export { waitUntil } from "../support/wait";

export const SIGNATURE_SECRET = "e2e-signature-secret";
export const OUR_NUMBER = "18334391183";

/** A one-pound ground beef cart: protein for exactly 2 dinners for 2, so the AI's answer below is valid. */
export function beefAccount(local: string, password: string): ReplicaAccount {
  return {
    email: `${local}@example.com`,
    password,
    firstName: "Robin",
    lastName: "Example",
    phone: "(212) 555-0142",
    address: "1 Example Street, Brooklyn, NY 11201",
    cart: { items: BEEF_AND_ZUCCHINI, boxes: [] },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServiceEnvParts {
  port: number;
  databaseUrl: string;
  replicaUrl: string;
  vonageUrl: string;
  vonageKey: string;
  vonageSecret: string;
  openaiUrl: string;
}

/** The environment a deployed instance would have, pointed at local stand-ins. */
export function serviceEnv(parts: ServiceEnvParts): Record<string, string> {
  return {
    ENVIRONMENT: "development",
    PORT: String(parts.port),
    PUBLIC_BASE_URL: `http://localhost:${parts.port}`,
    DATABASE_URL: parts.databaseUrl,
    REDIS_URL: inject("redisUrl"),
    DATA_DIR: mkdtempSync(join(tmpdir(), "e2e-data-")),
    ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    SECRET_KEY: "e2e-secret-key-".padEnd(40, "x"),
    API_KEY: "e2e-api-key-".padEnd(32, "y"),
    VONAGE_API_KEY: parts.vonageKey,
    VONAGE_API_SECRET: parts.vonageSecret,
    VONAGE_PHONE_NUMBER: OUR_NUMBER,
    VONAGE_REST_HOST: parts.vonageUrl,
    VONAGE_API_HOST: parts.vonageUrl,
    VONAGE_SIGNATURE_SECRET: SIGNATURE_SECRET,
    VONAGE_SIGNATURE_METHOD: "sha256",
    SMS_SEND_RATE_PER_SECOND: "50",
    OPENAI_API_KEY: "sk-e2e",
    OPENAI_BASE_URL: parts.openaiUrl,
    FTP_BASE_URL: parts.replicaUrl,
    CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    LOG_LEVEL: "info",
    SHUTDOWN_GRACE_MS: "3000",
    QUEUE_POLL_SECONDS: "0.5",
    QUEUE_SUPERVISE_SECONDS: "2",
  };
}
