// The composed service with real parts for end-to-end tests: real PostgreSQL and Redis, the replica of
// farmtopeople.com in real Chromium, and the official SDKs pointed at the OpenAI and Vonage stand-ins.
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { ReplicaAccount } from "../support/ftp-replica";

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
    cart: {
      items: [
        { name: "Ground Beef", producer: "Kinderhook Farm", unit: "1.0 Lbs", quantity: 1, priceCents: 1099, url: "/product/ground-beef" },
        { name: "Zucchini", producer: "Dagele Brothers Produce", unit: "2 Lbs", quantity: 1, priceCents: 499, url: "/product/zucchini" },
      ],
      boxes: [],
    },
  };
}

const meal = (name: string, minutes: number) => ({
  kind: "dinner",
  name,
  totalMinutes: minutes,
  ingredients: [
    { ref: "i1", share: 0.5, label: "Ground Beef" },
    { ref: "i2", share: 0.5, label: "Zucchini" },
    { ref: "olive-oil", share: null, label: "olive oil" },
  ],
  steps: ["Brown the beef in oil.", "Add the zucchini and cook until tender."],
  tags: ["skillet"],
});

/** What the model answers for the beef cart: valid against the cart and the planning rules. */
export const AI_DRAFT = {
  meals: [meal("Beef and Zucchini Skillet", 25), meal("Beef Zucchini Stir-Fry", 20)],
  extras: [],
  swaps: [],
  addOns: [],
  storageTips: [{ ref: "i1", tip: "Cook within 2 days or freeze." }],
  unused: [],
  notes: [],
};

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
