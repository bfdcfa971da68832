// The pool's health rules on the real PostgreSQL server: pre-ping, recycling, overflow limit, statement timeout.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPool, type PoolSettings } from "../../../app/store/pool";
import { createTestDatabase } from "../../support/pg";

const base: PoolSettings = { size: 1, maxOverflow: 0, recycleSeconds: 3600, statementTimeoutMs: 30_000, prePing: true };

/**
 * A TCP relay to PostgreSQL that can turn its open connections half-dead: the server side is gone but the client
 * learns it only when it next writes, as after a NAT timeout or a pooler restart.
 */
async function startRelay(target: URL): Promise<{ url: string; killConnections(): void; close(): Promise<void> }> {
  const { createConnection } = await import("node:net");
  const pairs = new Set<{ client: Socket; upstream: Socket; dead: boolean }>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    const pair = { client, upstream, dead: false };
    pairs.add(pair);
    client.on("data", (chunk) => (pair.dead ? client.destroy() : upstream.write(chunk)));
    upstream.on("data", (chunk) => client.write(chunk));
    upstream.on("close", () => {
      if (!pair.dead) client.destroy();
    });
    client.on("close", () => upstream.destroy());
    client.on("error", () => {});
    upstream.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    killConnections() {
      for (const pair of pairs) {
        pair.dead = true;
        pair.upstream.destroy();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of pairs) pair.client.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("database pool on PostgreSQL", () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase("store-pool");
  });

  describe("pre-ping", () => {
    let relay: Awaited<ReturnType<typeof startRelay>>;
    beforeAll(async () => {
      relay = await startRelay(new URL(url));
    });
    afterAll(async () => {
      await relay?.close();
    });

    it("when an idle connection died unnoticed, then pre-ping replaces it and the caller's query succeeds", async () => {
      const pool = createPool(relay.url, { ...base, prePing: true });
      try {
        await pool.query("SELECT 1");
        relay.killConnections();

        const { rows } = await pool.query<{ ok: number }>("SELECT 42 AS ok");

        expect(rows[0]?.ok).toBe(42);
      } finally {
        await pool.end();
      }
    });

    it("when pre-ping is off and an idle connection died unnoticed, then the caller's query fails", async () => {
      const pool = createPool(relay.url, { ...base, prePing: false });
      pool.on("error", () => {});
      try {
        await pool.query("SELECT 1");
        relay.killConnections();

        await expect(pool.query("SELECT 42")).rejects.toThrow();
      } finally {
        await pool.end();
      }
    });
  });

  it("when a connection outlives the recycle age, then it is closed and a new one serves the next query", async () => {
    const pool = createPool(url, { ...base, recycleSeconds: 1 });
    try {
      const pid = async () => (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const first = await pid();

      await vi.waitFor(async () => expect(await pid()).not.toBe(first), { timeout: 10_000, interval: 200 });
    } finally {
      await pool.end();
    }
  });

  it("when base size and overflow are in use, then the next caller waits for a connection", async () => {
    const pool = createPool(url, { ...base, size: 1, maxOverflow: 1 });
    try {
      const held = [await pool.connect(), await pool.connect()];
      const third = pool.connect();

      expect(pool.totalCount).toBe(2);
      expect(pool.waitingCount).toBe(1);
      held[0]!.release();
      (await third).release();
      held[1]!.release();
    } finally {
      await pool.end();
    }
  });

  it("when a statement runs past the statement timeout, then PostgreSQL cancels it", async () => {
    const pool = createPool(url, { ...base, statementTimeoutMs: 100 });
    try {
      await expect(pool.query("SELECT pg_sleep(5)")).rejects.toMatchObject({ code: "57014" });
    } finally {
      await pool.end();
    }
  });
});
