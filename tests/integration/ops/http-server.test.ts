import { request } from "node:http";
import { Router } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { type DrainState, listen, type RunningServer, refuseWhileDraining } from "../../../app/ops/http-server";
import { createLogger } from "../../../app/ops/logger";
import { createApp } from "../../../app/web/app";

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("draining the HTTP server", () => {
  let running: RunningServer | undefined;
  afterEach(async () => {
    await running?.drain(10);
  });

  it("when SIGTERM-style draining starts during a slow request, then that request completes and new connections are refused", async () => {
    let releaseSlow: () => void = () => {};
    let slowStarted: () => void = () => {};
    const started = new Promise<void>((r) => {
      slowStarted = r;
    });
    const router = Router();
    router.get("/slow", async (_req, res) => {
      slowStarted();
      await new Promise<void>((r) => {
        releaseSlow = r;
      });
      res.json({ done: true });
    });
    const state: DrainState = { draining: false };
    const logger = createLogger({ level: "silent" });
    running = await listen(createApp({ logger, before: [refuseWhileDraining(state)], routers: [router] }), 0, state);
    const port = running.port;

    const slow = get(port, "/slow");
    await started;
    const drained = running.drain(5_000);

    await expect(get(port, "/slow")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    releaseSlow();
    await expect(slow).resolves.toEqual({ status: 200, body: '{"done":true}' });
    await expect(drained).resolves.toEqual({ forced: false });
    running = undefined;
  });

  it("when a request outlives the grace period, then draining ends by cutting it", async () => {
    let arrived: () => void = () => {};
    const hangStarted = new Promise<void>((r) => {
      arrived = r;
    });
    const router = Router();
    router.get("/hang", () => arrived());
    const state: DrainState = { draining: false };
    running = await listen(createApp({ logger: createLogger({ level: "silent" }), routers: [router] }), 0, state);
    const hanging = get(running.port, "/hang").catch((err: NodeJS.ErrnoException) => err.code);
    await hangStarted;
    await expect(running.drain(200)).resolves.toEqual({ forced: true });
    await expect(hanging).resolves.toBe("ECONNRESET");
    running = undefined;
  });
});
