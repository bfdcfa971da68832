import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeLockAt,
  inferDeliveryDate,
  parseClockTime,
  parseCutoffText,
  parseDeliveryText,
  readDelivery,
} from "../../../app/scraper/delivery";

describe("parseDeliveryText", () => {
  it.each([
    ["Thu, Sep 17, 4:00PM - 8:00PM", { month: 9, day: 17, weekday: "thu", window: { start: "16:00", end: "20:00" } }],
    ["Mon, Mar 10, 10:00AM - 3:00PM", { month: 3, day: 10, weekday: "mon", window: { start: "10:00", end: "15:00" } }],
    ["Thu, Sep 17", { month: 9, day: 17, weekday: "thu", window: null }],
    ["Sat, Dec 5, 12:00PM - 12:30AM", { month: 12, day: 5, weekday: "sat", window: { start: "12:00", end: "00:30" } }],
  ])("when the text is %j, then it reads as date and window", (text, expected) => {
    expect(parseDeliveryText(text)).toEqual(expected);
  });

  it.each(["", "My Orders", "Shopping for:", "Thu, Foo 17", "Thu, Sep 47"])(
    "when the text is %j, then it is not a delivery date",
    (text) => {
      expect(parseDeliveryText(text)).toBeNull();
    },
  );
});

describe("parseClockTime", () => {
  it.each([
    ["4:00PM", "16:00"],
    ["12:00PM", "12:00"],
    ["12:15AM", "00:15"],
    ["9:05 am", "09:05"],
  ])("when the time is %s, then it is %s", (text, expected) => {
    expect(parseClockTime(text)).toBe(expected);
  });
});

describe("inferDeliveryDate", () => {
  it.each([
    ["Sep 17 read on Monday Sep 14 2026", 9, 17, "2026-09-14T14:00:00Z", "2026-09-17"],
    ["a date shown three days late stays in this year", 9, 17, "2026-09-20T14:00:00Z", "2026-09-17"],
    ["a date seven days back is still this year", 9, 17, "2026-09-24T03:00:00Z", "2026-09-17"],
    ["a date eight days back is next year", 9, 17, "2026-09-25T14:00:00Z", "2027-09-17"],
    ["early January read in late December is next year", 1, 2, "2026-12-30T15:00:00Z", "2027-01-02"],
    ["late December read in early January is last year", 12, 31, "2027-01-03T15:00:00Z", "2026-12-31"],
    ["29 February waits for a leap year", 2, 29, "2026-03-10T15:00:00Z", "2028-02-29"],
  ])("when %s, then the date is right", (_case, month, day, scrapedAt, expected) => {
    expect(inferDeliveryDate(month, day, new Date(scrapedAt))).toBe(expected);
  });

  it("when any date is inferred, then it falls within a year after scrapedAt − 7 days and keeps month and day", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (scrapedAt, month, day) => {
          const date = inferDeliveryDate(month, day, scrapedAt);
          const at = Date.parse(`${date}T12:00:00Z`);
          expect(date.slice(5)).toBe(`${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
          expect(at).toBeGreaterThanOrEqual(scrapedAt.getTime() - 9 * 86_400_000);
          expect(at).toBeLessThanOrEqual(scrapedAt.getTime() + 366 * 86_400_000);
        },
      ),
    );
  });
});

describe("computeLockAt", () => {
  it.each([
    ["summer (EDT, UTC−4)", "2026-09-17", "2026-09-16T15:59:00.000Z"],
    ["winter (EST, UTC−5)", "2026-12-03", "2026-12-02T16:59:00.000Z"],
    ["the day before is the spring-forward Sunday", "2026-03-09", "2026-03-08T15:59:00.000Z"],
    ["the day before is the fall-back Sunday", "2026-11-02", "2026-11-01T16:59:00.000Z"],
    ["delivery on the first of a month", "2026-10-01", "2026-09-30T15:59:00.000Z"],
    ["delivery on New Year's Day", "2027-01-01", "2026-12-31T16:59:00.000Z"],
  ])("when %s, then the lock is 11:59 New York time the day before", (_case, date, expected) => {
    expect(computeLockAt(date)).toBe(expected);
  });
});

describe("readDelivery", () => {
  const scrapedAt = new Date("2026-09-14T14:00:00Z");

  it("when the header shows a date and window, then the Cart's delivery is complete", () => {
    expect(readDelivery("Thu, Sep 17, 4:00PM - 8:00PM", "Skip or edit by Wed, Sep 16 at 11:59 AM.", scrapedAt)).toEqual({
      delivery: {
        text: "Thu, Sep 17, 4:00PM - 8:00PM",
        date: "2026-09-17",
        window: { start: "16:00", end: "20:00" },
        lockAt: "2026-09-16T15:59:00.000Z",
      },
      warnings: [],
    });
  });

  it("when no date is shown, then delivery is null", () => {
    expect(readDelivery(null, null, scrapedAt)).toEqual({ delivery: null, warnings: [] });
  });

  it("when the weekday contradicts the date, then the date wins and a warning is given", () => {
    const { delivery, warnings } = readDelivery("Fri, Sep 17", null, scrapedAt);
    expect(delivery?.date).toBe("2026-09-17");
    expect(warnings).toEqual(["delivery weekday contradicts the date"]);
  });

  it("when the footer's cut-off disagrees with the rule, then a warning is given and lockAt follows the rule", () => {
    const { delivery, warnings } = readDelivery("Thu, Sep 17", "Skip or edit by Tue, Sep 15 at 11:59 AM.", scrapedAt);
    expect(delivery?.lockAt).toBe("2026-09-16T15:59:00.000Z");
    expect(warnings).toEqual(["footer cut-off disagrees with the computed lock time"]);
  });

  it("when the cut-off sentence is read, then it is the footer's instant", () => {
    expect(parseCutoffText("You'll be charged after the cutoff time. Skip or edit by Wed, Sep 16 at 11:59 AM.", scrapedAt)).toBe(
      "2026-09-16T15:59:00.000Z",
    );
  });
});
