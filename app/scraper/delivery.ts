// Delivery text → the Cart's `delivery` (contracts.md §2): date with its inferred year, window, and lock time.
// Pure: every clock reading is handed in. The site's dates and cut-offs are US Eastern (ftp-site.md §1).
import type { Delivery } from "./cart-schema";

export const SITE_TIME_ZONE = "America/New_York";
const DAY_MS = 86_400_000;
/** The year is inferred from the first matching date on or after scrapedAt minus this (contracts.md §2). */
const YEAR_INFERENCE_LOOKBACK_DAYS = 7;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

export interface DeliveryTextParts {
  month: number;
  day: number;
  /** Lower-case three-letter weekday as displayed, or null. Never used for the year. */
  weekday: string | null;
  window: { start: string; end: string } | null;
}

const DELIVERY_TEXT =
  /^(?:([A-Za-z]{3})[A-Za-z]*\.?,?\s+)?([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2})(?:\s*,?\s*(\d{1,2}:\d{2}\s*[AaPp][Mm])\s*[-–—]\s*(\d{1,2}:\d{2}\s*[AaPp][Mm]))?\s*$/;

/** `Thu, Sep 17, 4:00PM - 8:00PM` or `Thu, Sep 17` → parts; null when the text is not a delivery date. */
export function parseDeliveryText(text: string): DeliveryTextParts | null {
  const match = DELIVERY_TEXT.exec(text.trim());
  if (!match) return null;
  const [, weekdayText, monthText, dayText, startText, endText] = match;
  const month = MONTHS.indexOf(monthText!.toLowerCase()) + 1;
  const day = Number(dayText);
  if (month === 0 || day < 1 || day > 31) return null;
  const weekday = weekdayText ? weekdayText.toLowerCase() : null;
  if (weekday !== null && !WEEKDAYS.includes(weekday)) return null;
  const window = startText && endText ? { start: parseClockTime(startText), end: parseClockTime(endText) } : null;
  return { month, day, weekday, window };
}

/** `4:00PM` → `16:00`, `12:00PM` → `12:00`, `12:30AM` → `00:30`. */
export function parseClockTime(text: string): string {
  const match = /^(\d{1,2}):(\d{2})\s*([AaPp])[Mm]$/.exec(text.trim());
  if (!match) throw new RangeError("not a clock time");
  const hour12 = Number(match[1]) % 12;
  const hour = match[3]!.toLowerCase() === "p" ? hour12 + 12 : hour12;
  return `${String(hour).padStart(2, "0")}:${match[2]}`;
}

/** The calendar date an instant falls on in the site's time zone. */
export function siteCalendarDate(instant: Date): { year: number; month: number; day: number } {
  const parts = zonedParts(instant, SITE_TIME_ZONE);
  return { year: parts.year, month: parts.month, day: parts.day };
}

/**
 * The first `month`/`day` on or after (scrapedAt − 7 days), as `YYYY-MM-DD`. The lookback keeps a date shown a
 * few days late (a delivery this week, read on Saturday) in the current year; a 29 February waits for a leap year.
 */
export function inferDeliveryDate(month: number, day: number, scrapedAt: Date): string {
  const floor = siteCalendarDate(new Date(scrapedAt.getTime() - YEAR_INFERENCE_LOOKBACK_DAYS * DAY_MS));
  const floorKey = floor.year * 10_000 + floor.month * 100 + floor.day;
  for (let year = floor.year; year <= floor.year + 8; year++) {
    if (!isValidDate(year, month, day)) continue;
    if (year * 10_000 + month * 100 + day >= floorKey) return formatDate(year, month, day);
  }
  throw new RangeError("no such calendar date");
}

/** 11:59 America/New_York on the day before delivery, as an ISO instant (the cart footer's cut-off). */
export function computeLockAt(deliveryDate: string): string {
  const [year, month, day] = deliveryDate.split("-").map(Number) as [number, number, number];
  const dayBefore = new Date(Date.UTC(year, month - 1, day) - DAY_MS);
  return zonedWallTimeToUtc(
    { year: dayBefore.getUTCFullYear(), month: dayBefore.getUTCMonth() + 1, day: dayBefore.getUTCDate(), hour: 11, minute: 59 },
    SITE_TIME_ZONE,
  ).toISOString();
}

/** Weekday (`thu`) of a `YYYY-MM-DD` date. */
export function weekdayOfDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
}

export interface DeliveryReading {
  delivery: Delivery | null;
  /** Oddities worth a log line (a weekday contradicting the date, a footer cut-off that disagrees). */
  warnings: string[];
}

/**
 * The Cart's delivery from the displayed text (without "Shopping for:"), the footer's cut-off text if any, and the
 * scrape time. Text that is not a date gives `delivery: null` plus a warning; it never fails the scrape.
 */
export function readDelivery(text: string | null, cutoffText: string | null, scrapedAt: Date): DeliveryReading {
  if (text === null || text.trim() === "") return { delivery: null, warnings: [] };
  const displayed = text.trim();
  const parts = parseDeliveryText(displayed);
  if (!parts) return { delivery: null, warnings: ["delivery text not recognised"] };
  const date = inferDeliveryDate(parts.month, parts.day, scrapedAt);
  const lockAt = computeLockAt(date);
  const warnings: string[] = [];
  if (parts.weekday !== null && parts.weekday !== weekdayOfDate(date)) warnings.push("delivery weekday contradicts the date");
  if (cutoffText !== null) {
    const cutoff = parseCutoffText(cutoffText, scrapedAt);
    if (cutoff !== null && cutoff !== lockAt) warnings.push("footer cut-off disagrees with the computed lock time");
  }
  return { delivery: { text: displayed, date, window: parts.window, lockAt }, warnings };
}

/** `Skip or edit by Wed, Sep 16 at 11:59 AM.` → ISO instant, or null when absent or unreadable. */
export function parseCutoffText(text: string, scrapedAt: Date): string | null {
  const match = /by\s+(?:[A-Za-z]{3}[A-Za-z]*,?\s+)?([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2})\s+at\s+(\d{1,2}:\d{2}\s*[AaPp][Mm])/.exec(text);
  if (!match) return null;
  const month = MONTHS.indexOf(match[1]!.toLowerCase()) + 1;
  if (month === 0) return null;
  const date = inferDeliveryDate(month, Number(match[2]), scrapedAt);
  const [year, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = parseClockTime(match[3]!).split(":").map(Number) as [number, number];
  return zonedWallTimeToUtc({ year, month: m, day: d, hour, minute }, SITE_TIME_ZONE).toISOString();
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The instant at which a zone's clocks show `wall`. Correct across DST changes for times outside the gap. */
export function zonedWallTimeToUtc(wall: WallTime, timeZone: string): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const firstOffset = zoneOffsetMs(new Date(guess), timeZone);
  const candidate = guess - firstOffset;
  const secondOffset = zoneOffsetMs(new Date(candidate), timeZone);
  return new Date(secondOffset === firstOffset ? candidate : guess - secondOffset);
}

function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function zonedParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

function isValidDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function formatDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
