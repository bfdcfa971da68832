import { describe, expect, it } from "vitest";
import { ScrapeError, ScraperBusyError } from "../../../app/scraper/scrape-errors";
import { ScrapePool } from "../../../app/scraper/scrape-pool";

/** A task that runs until released, recording when it started. */
function gate() {
  let release!: (v: string) => void;
  const done = new Promise<string>((resolve) => {
    release = resolve;
  });
  let started = false;
  return {
    task: () => {
      started = true;
      return done;
    },
    release,
    get started() {
      return started;
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("ScrapePool", () => {
  it("when more scrapes arrive than the concurrency, then the extra ones wait and start in order as slots free", async () => {
    const pool = new ScrapePool({ concurrency: 2, maxQueued: 5, memoryLimitMb: 1000, readMemoryMb: () => 100 });
    const [a, b, c] = [gate(), gate(), gate()];
    const results = [pool.run(a.task), pool.run(b.task), pool.run(c.task)];
    await flush();
    expect([a.started, b.started, c.started]).toEqual([true, true, false]);
    expect(pool.stats()).toMatchObject({ active: 2, queued: 1 });
    a.release("a");
    await flush();
    expect(c.started).toBe(true);
    b.release("b");
    c.release("c");
    expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
    expect(pool.stats()).toMatchObject({ active: 0, queued: 0, completed: 3 });
  });

  it("when the queue is full, then a new scrape is refused with scraper_busy (queue_full)", async () => {
    const pool = new ScrapePool({ concurrency: 1, maxQueued: 1, memoryLimitMb: 1000, readMemoryMb: () => 100 });
    const [a, b] = [gate(), gate()];
    const running = [pool.run(a.task), pool.run(b.task)];
    const refused = await pool.run(async () => "never").catch((e) => e);
    expect(refused).toBeInstanceOf(ScraperBusyError);
    expect(refused).toMatchObject({ code: "scraper_busy", reason: "queue_full", status: 503 });
    a.release("a");
    b.release("b");
    await Promise.all(running);
    expect(pool.stats().refused).toBe(1);
  });

  it("when memory is above the limit, then a new scrape is refused with scraper_busy (memory_limit) and never runs", async () => {
    const pool = new ScrapePool({ concurrency: 2, maxQueued: 5, memoryLimitMb: 1000, readMemoryMb: () => 1200 });
    let ran = false;
    const refused = await pool
      .run(async () => {
        ran = true;
      })
      .catch((e) => e);
    expect(refused).toMatchObject({ code: "scraper_busy", reason: "memory_limit" });
    expect(ran).toBe(false);
  });

  it("when memory grows while a scrape waits in the queue, then that scrape is refused when its turn comes", async () => {
    let memory = 100;
    const pool = new ScrapePool({ concurrency: 1, maxQueued: 5, memoryLimitMb: 1000, readMemoryMb: () => memory });
    const a = gate();
    const first = pool.run(a.task);
    const queued = pool.run(async () => "ran").catch((e) => e);
    memory = 1500;
    a.release("a");
    await first;
    expect(await queued).toMatchObject({ code: "scraper_busy", reason: "memory_limit" });
  });

  it("when memory cannot be measured, then the guard lets scrapes through", async () => {
    const pool = new ScrapePool({ concurrency: 1, maxQueued: 1, memoryLimitMb: 10, readMemoryMb: () => null });
    expect(await pool.run(async () => "ok")).toBe("ok");
  });

  it("when a queued scrape is cancelled, then it leaves the queue with a timeout error", async () => {
    const pool = new ScrapePool({ concurrency: 1, maxQueued: 5, memoryLimitMb: 1000, readMemoryMb: () => 1 });
    const a = gate();
    const first = pool.run(a.task);
    const controller = new AbortController();
    const queued = pool.run(async () => "ran", controller.signal).catch((e) => e);
    controller.abort();
    const error = await queued;
    expect(error).toBeInstanceOf(ScrapeError);
    expect(error.code).toBe("timeout");
    expect(pool.stats().queued).toBe(0);
    a.release("a");
    await first;
  });

  it("when the pool closes, then queued scrapes are refused, running ones finish, and new ones are refused", async () => {
    const pool = new ScrapePool({ concurrency: 1, maxQueued: 5, memoryLimitMb: 1000, readMemoryMb: () => 1 });
    const a = gate();
    const first = pool.run(a.task);
    const queued = pool.run(async () => "ran").catch((e) => e);
    const closing = pool.close();
    expect(await queued).toMatchObject({ code: "scraper_busy", reason: "closed" });
    a.release("a");
    await closing;
    expect(await first).toBe("a");
    expect(await pool.run(async () => "late").catch((e) => e.reason)).toBe("closed");
  });
});
