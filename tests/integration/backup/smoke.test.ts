// npm run smoke against a small Express app that answers the contract's routes the way a deployed instance
// does, and the ways a bad deploy does.
import { execFile } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSmoke } from "../../../app/ops/smoke";

interface Behaviour {
  version: string;
  ready: boolean;
  signupHtml: string | null;
  signing: boolean;
}

const behaviour: Behaviour = { version: "abc123", ready: true, signupHtml: "<html><form method=post></form></html>", signing: true };
const webhookBodies: unknown[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.get("/health", (_req, res) => {
    res.json({ status: "ok", version: behaviour.version, environment: "staging" });
  });
  app.get("/ready", (_req, res) => {
    res
      .status(behaviour.ready ? 200 : 503)
      .json({ status: behaviour.ready ? "ready" : "not_ready", checks: { database: { ok: behaviour.ready } } });
  });
  app.get("/signup", (_req, res) => {
    if (behaviour.signupHtml === null) res.status(404).json({ error: { code: "not_found" } });
    else res.type("html").send(behaviour.signupHtml);
  });
  app.post("/webhooks/vonage/inbound", (req, res) => {
    webhookBodies.push(req.body);
    if (behaviour.signing && !req.body.sig) res.status(401).json({ error: { code: "unauthorized" } });
    else res.status(200).end();
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

function reset(overrides: Partial<Behaviour> = {}): void {
  Object.assign(
    behaviour,
    { version: "abc123", ready: true, signupHtml: "<html><form method=post></form></html>", signing: true },
    overrides,
  );
  webhookBodies.length = 0;
}

const summary = (results: Awaited<ReturnType<typeof runSmoke>>) => results.map((r) => [r.name, r.ok]);

describe("smoke checks", () => {
  it("when the instance is healthy, ready, renders signup and refuses unsigned webhooks, then every check passes", async () => {
    reset();

    const results = await runSmoke({ baseUrl: base, expectVersion: "abc123" });

    expect(summary(results)).toEqual([
      ["health", true],
      ["readiness", true],
      ["signup page", true],
      ["unsigned webhook refused", true],
    ]);
    expect(webhookBodies).toHaveLength(1);
    expect(webhookBodies[0]).toMatchObject({ msisdn: "12025550100", text: "smoke test" });
    expect(webhookBodies[0]).not.toHaveProperty("sig");
  });

  it("when another version is live, then health fails naming both versions", async () => {
    reset({ version: "old999" });

    const [health] = await runSmoke({ baseUrl: base, expectVersion: "abc123" });

    expect(health).toMatchObject({ name: "health", ok: false, detail: 'version "old999" is live, expected "abc123"' });
  });

  it("when the new version goes live while waiting, then health passes after polling", async () => {
    reset({ version: "old999" });
    let polls = 0;
    const sleep = async () => {
      polls++;
      if (polls === 2) behaviour.version = "abc123";
    };

    const [health] = await runSmoke({ baseUrl: base, expectVersion: "abc123", waitSeconds: 60, sleep });

    expect(health?.ok).toBe(true);
    expect(polls).toBe(2);
  });

  it("when signing is off, then the unsigned webhook check fails", async () => {
    reset({ signing: false });

    const results = await runSmoke({ baseUrl: base });

    expect(results.at(-1)).toMatchObject({ ok: false, detail: "an unsigned inbound webhook was accepted (200): signing is off or broken" });
  });

  it("when readiness is 503 and signup is missing, then both fail with the reason", async () => {
    reset({ ready: false, signupHtml: null });

    const results = await runSmoke({ baseUrl: base, checkWebhookSigning: false });

    expect(results.map((r) => [r.name, r.ok, r.detail])).toEqual([
      ["health", true, "200, status ok"],
      ["readiness", false, "GET /ready answered 503 (failing: database)"],
      ["signup page", false, "GET /signup answered 404"],
    ]);
  });

  it("when npm run smoke finds a failure, then it exits 1 and prints each check; all passing exits 0", async () => {
    reset({ version: "old999" });
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(
          "node_modules/.bin/tsx",
          ["app/ops/smoke-cli.ts", ...args],
          { env: { PATH: process.env.PATH, NODE_NO_WARNINGS: "1" } },
          (err, stdout) => resolve({ code: err ? Number(err.code) : 0, stdout }),
        );
      });

    const failed = await run(["--url", base, "--expect-version", "abc123"]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAIL health: version "old999" is live, expected "abc123"');

    reset();
    const passed = await run(["--url", base, "--expect-version", "abc123", "--json"]);
    expect(passed.code).toBe(0);
    expect(JSON.parse(passed.stdout).ok).toBe(true);
  });
});
