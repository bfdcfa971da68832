// Admission control for scrapes: at most `concurrency` at once, a bounded FIFO queue behind them, and a memory
// guard that refuses new work with a typed error before the process would be killed for using too much.
import { ScrapeError, ScraperBusyError } from "./scrape-errors";

export interface ScrapePoolOptions {
  /** Scrapes running at once. @default 2 (one per core on a 2-core machine) */
  concurrency: number;
  /** Scrapes allowed to wait for a slot; beyond this, `scraper_busy`. */
  maxQueued: number;
  /** Refuse new scrapes while the measured memory is above this. */
  memoryLimitMb: number;
  /** Current memory of this process and its browser, in MB; null when it cannot be measured. */
  readMemoryMb: () => number | null;
}

export interface PoolStats {
  active: number;
  queued: number;
  completed: number;
  refused: number;
  lastMemoryMb: number | null;
}

interface Waiter {
  start: () => void;
  reject: (error: Error) => void;
}

export class ScrapePool {
  private active = 0;
  private completed = 0;
  private refused = 0;
  private lastMemoryMb: number | null = null;
  private closed = false;
  private readonly queue: Waiter[] = [];
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly options: ScrapePoolOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError("concurrency must be a positive integer");
  }

  /** Runs `task` when a slot is free. Rejects at once with ScraperBusyError when the pool cannot take it. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.admit();
    if (this.active >= this.options.concurrency) await this.waitForSlot(signal);
    else this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.completed++;
      this.next();
    }
  }

  stats(): PoolStats {
    return {
      active: this.active,
      queued: this.queue.length,
      completed: this.completed,
      refused: this.refused,
      lastMemoryMb: this.lastMemoryMb,
    };
  }

  /** Refuses new work, rejects what is queued, and resolves once running scrapes have finished. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.queue.splice(0)) waiter.reject(new ScraperBusyError("closed", "the scraper is shutting down"));
    if (this.active === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private admit(): void {
    if (this.closed) throw this.refuse(new ScraperBusyError("closed", "the scraper is shutting down"));
    if (this.active >= this.options.concurrency && this.queue.length >= this.options.maxQueued) {
      throw this.refuse(new ScraperBusyError("queue_full", `scrape queue is full (${this.options.maxQueued} waiting)`));
    }
    this.checkMemory();
  }

  private checkMemory(): void {
    const memoryMb = this.options.readMemoryMb();
    this.lastMemoryMb = memoryMb;
    if (memoryMb !== null && memoryMb > this.options.memoryLimitMb) {
      throw this.refuse(
        new ScraperBusyError(
          "memory_limit",
          `memory ${Math.round(memoryMb)} MB is above the ${this.options.memoryLimitMb} MB scrape limit`,
        ),
      );
    }
  }

  private refuse(error: ScraperBusyError): ScraperBusyError {
    this.refused++;
    return error;
  }

  private waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(new ScrapeError("timeout", "cancelled while waiting for a scrape slot", { step: "start" }));
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener("abort", onAbort);
          this.active++;
          resolve();
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private next(): void {
    while (this.active < this.options.concurrency && this.queue.length > 0) {
      const waiter = this.queue.shift()!;
      try {
        // Memory is checked again at start: a queued scrape must not push an already full process over.
        this.checkMemory();
        waiter.start();
      } catch (error) {
        waiter.reject(error as Error);
      }
    }
    if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
