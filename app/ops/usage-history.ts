// A bounded in-memory record of recent usage samples (requests, users, memory, CPU) for the capacity report.
// Prometheus keeps the long history; this lets `npm run capacity` answer from a single instance without one.
import type { UsageSample } from "./metrics-summary";

/** One sample a minute (the resource monitor's interval) for 24 hours. */
export const USAGE_HISTORY_CAPACITY = 24 * 60;

export class UsageHistory {
  private readonly buffer: UsageSample[] = [];
  constructor(private readonly capacity = USAGE_HISTORY_CAPACITY) {}

  record(sample: UsageSample): void {
    this.buffer.push(sample);
    if (this.buffer.length > this.capacity) this.buffer.splice(0, this.buffer.length - this.capacity);
  }

  /** Oldest first, a copy. */
  samples(): UsageSample[] {
    return [...this.buffer];
  }
}
