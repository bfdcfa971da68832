import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RETRY_MAX_DELAY_MS, retryDelayMs, TokenBucket } from "../../../app/sms/send-pacing";

describe("TokenBucket", () => {
  it("when three sends arrive at once at 1 per second, then they go at 0, 1 and 2 seconds", () => {
    const bucket = new TokenBucket(1, 0);
    expect([bucket.reserve(0), bucket.reserve(0), bucket.reserve(0)]).toEqual([0, 1_000, 2_000]);
  });

  it("when a second passes between sends, then none waits", () => {
    const bucket = new TokenBucket(1, 0);
    expect([bucket.reserve(0), bucket.reserve(1_000), bucket.reserve(2_000)]).toEqual([0, 0, 0]);
  });

  it("property: over any arrival pattern, no window of one second starts more than rate + burst sends", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 60 }),
        (rate, gaps) => {
          const bucket = new TokenBucket(rate, 0);
          let t = 0;
          const starts: number[] = [];
          for (const gap of gaps) {
            t += gap;
            starts.push(t + bucket.reserve(t));
          }
          const sorted = [...starts].sort((a, b) => a - b);
          for (let i = 0; i < sorted.length; i++) {
            const inWindow = sorted.filter((s) => s >= sorted[i]! && s < sorted[i]! + 1_000).length;
            expect(inWindow).toBeLessThanOrEqual(2 * Math.max(1, rate));
          }
        },
      ),
    );
  });
});

describe("retryDelayMs", () => {
  it("when retries go on without jitter, then the delay doubles from 1 s up to the 8 s cap", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it("property: the delay stays within 75-100 % of its step and never exceeds the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = retryDelayMs(attempt, () => r);
        expect(delay).toBeLessThanOrEqual(RETRY_MAX_DELAY_MS);
        expect(delay).toBeGreaterThanOrEqual(750);
      }),
    );
  });
});
