// The replica's delivery calendar: the next Thursday at least two days ahead of its clock (US Eastern), or a week
// later once the cut-off has passed (the locked scenario). Header, tab and footer all read from here.
import type { Delivery } from "../../../app/scraper/cart-schema";
import { computeLockAt, siteCalendarDate } from "../../../app/scraper/delivery";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const THURSDAY = 4;
const MIN_DAYS_AHEAD = 2;

export interface ReplicaDeliveryDay {
  /** Calendar date as a UTC-midnight Date (only its Y/M/D are meaningful). */
  date: Date;
  /** "Thu, Sep 17" */
  dayText: string;
  /** "Thu, Sep 17, 4:00PM - 8:00PM" */
  windowText: string;
  /** "Skip or edit by Wed, Sep 16 at 11:59 AM." */
  cutoffText: string;
  isoDate: string;
}

export function deliveryDay(now: Date, locked: boolean): ReplicaDeliveryDay {
  const today = siteCalendarDate(now);
  const date = new Date(Date.UTC(today.year, today.month - 1, today.day));
  let ahead = 0;
  while (ahead < MIN_DAYS_AHEAD || (date.getUTCDay() + ahead) % 7 !== THURSDAY) ahead++;
  if (locked) ahead += 7;
  date.setUTCDate(date.getUTCDate() + ahead);
  const dayBefore = new Date(date.getTime() - 86_400_000);
  const dayText = `${WEEKDAYS[date.getUTCDay()]}, ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  return {
    date,
    dayText,
    windowText: `${dayText}, 4:00PM - 8:00PM`,
    cutoffText: `Skip or edit by ${WEEKDAYS[dayBefore.getUTCDay()]}, ${MONTHS[dayBefore.getUTCMonth()]} ${dayBefore.getUTCDate()} at 11:59 AM.`,
    isoDate: date.toISOString().slice(0, 10),
  };
}

/** The `delivery` the scraper must report for what the replica shows. */
export function expectedDelivery(now: Date, locked: boolean, shown: "shown" | "date-only" | "none"): Delivery | null {
  if (shown === "none") return null;
  const day = deliveryDay(now, locked);
  return {
    text: shown === "shown" ? day.windowText : day.dayText,
    date: day.isoDate,
    window: shown === "shown" ? { start: "16:00", end: "20:00" } : null,
    lockAt: computeLockAt(day.isoDate),
  };
}
