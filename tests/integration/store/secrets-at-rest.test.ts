// The password of a customer's Farm to People account must exist nowhere but in memory: not in any table, not in
// a log line, not in an error, not in a CLI's output. A full flow runs, including key rotation through the real
// `keys:rotate` command; then the whole database is dumped with pg_dump and every captured line is searched.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePhone } from "../../../app/identity";
import { buildKeyring } from "../../../app/security/crypto";
import { createRepositories, type Database } from "../../../app/store";
import { migratedTestDatabase } from "../../support/db";
import { captureLogs, findLeaks } from "../../support/log-capture";

describe("credentials at rest", () => {
  const password = `Canary-${randomBytes(9).toString("base64url")}`;
  const email = `canary.${randomBytes(4).toString("hex")}@example.com`;
  const phone = parsePhone("+1 202 555 0163");
  const keyA = randomBytes(32).toString("base64");
  const keyB = randomBytes(32).toString("base64");
  const logs = captureLogs("trace");
  const outputs: string[] = [];
  let database: Database;
  let dump: string;

  beforeAll(async () => {
    database = await migratedTestDatabase("store-secrets-at-rest", { logger: logs.logger });
    const now = () => new Date();
    const repos = createRepositories(database, { keyring: buildKeyring({ current: keyA }), now });
    const log = logs.logger;

    const user = await repos.users.create({ phone, consent: { at: now(), textVersion: "v1" } });
    await repos.users.savePreferences(user.id, { householdSize: "3-4" });
    await repos.credentials.save(user.id, { email, password });
    const login = await repos.credentials.decryptForScrape(user.id);
    expect(login?.password).toBe(password);
    // What a careless caller might log: the login itself, and the errors the store raises around it.
    log.info({ login, userId: user.id }, "scrape starting");
    log.error({ err: await repos.users.create({ phone }).catch((e: unknown) => e) }, "sign-up failed");
    log.error({ err: await repos.users.findById(phone).catch((e: unknown) => e) }, "lookup failed");
    const otherKey = createRepositories(database, { keyring: buildKeyring({ current: keyB }), now });
    log.error({ err: await otherKey.credentials.decryptForScrape(user.id).catch((e: unknown) => e) }, "decrypt failed");
    log.info({ summary: await repos.credentials.summary(user.id) }, "settings page");

    const rotate = spawnSync("npx", ["tsx", "app/store/rotate-keys-cli.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: database.connectionString,
        ENCRYPTION_KEY: keyB,
        ENCRYPTION_KEYS_PREVIOUS: keyA,
        LOG_LEVEL: "trace",
      },
      encoding: "utf8",
    });
    outputs.push(rotate.stdout, rotate.stderr);
    expect(rotate.status).toBe(0);
    expect((await otherKey.credentials.decryptForScrape(user.id))?.password).toBe(password);

    dump = execFileSync("pg_dump", ["--format=plain", "--no-owner", database.connectionString], { encoding: "utf8", maxBuffer: 64 << 20 });
    // The flow starts keys:rotate as a child process (tsx start-up): allow for a slow machine.
  }, 180_000);
  afterAll(async () => {
    await database?.close();
  });

  it("when the whole database is dumped, then the plaintext password and email appear nowhere", () => {
    expect(dump).toContain("ftp_credentials");
    expect(dump.includes(password)).toBe(false);
    expect(dump.includes(email)).toBe(false);
  });

  it("when every log line of the flow is searched, then no password, email or phone number is found", () => {
    const lines = logs.lines();

    const errorCodes = logs.records().map((r) => (r.err as { code?: string } | undefined)?.code);
    expect(errorCodes).toEqual(expect.arrayContaining(["phone_taken", "database_error", "decryption_failed"]));
    expect(findLeaks(lines, { passwords: [password], secrets: [email, keyA, keyB], phones: [phone] })).toEqual([]);
  });

  it("when keys:rotate runs, then its output names rows and key ids but no secret", () => {
    const text = outputs.join("\n");

    expect(text).toContain(buildKeyring({ current: keyB }).current.id);
    expect(findLeaks(text.split("\n"), { passwords: [password], secrets: [email, keyA, keyB] })).toEqual([]);
  });
});
