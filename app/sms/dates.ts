// How dates and times read inside texts: business dates and times in America/New_York (spec/product.md),
// "Thu Sep 17" and "Tue Sep 15 3:04 PM". Pure: the instant is handed in.

const ET = "America/New_York";

const dayTimeFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: ET,
  weekday: "short",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
});

const dayFormatUtc = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" });

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? "";
}

/** A calendar date (`2026-09-17`, as in Cart.delivery.date) → `Thu Sep 17`. */
export function formatDeliveryDate(isoDate: string): string {
  // Noon UTC keeps the calendar date whatever the formatter's zone; the date carries no time of its own.
  const parts = dayFormatUtc.formatToParts(new Date(`${isoDate}T12:00:00Z`));
  return `${part(parts, "weekday")} ${part(parts, "month")} ${part(parts, "day")}`;
}

/** An instant → `Tue Sep 15 3:04 PM` in ET. Built from parts: ICU puts a narrow no-break space before "PM". */
export function formatDayTime(instant: Date): string {
  const parts = dayTimeFormat.formatToParts(instant);
  return `${part(parts, "weekday")} ${part(parts, "month")} ${part(parts, "day")} ${part(parts, "hour")}:${part(parts, "minute")} ${part(parts, "dayPeriod").toUpperCase()}`;
}

/** An instant → `Tue Sep 15` in ET. */
export function formatDay(instant: Date): string {
  const parts = dayTimeFormat.formatToParts(instant);
  return `${part(parts, "weekday")} ${part(parts, "month")} ${part(parts, "day")}`;
}
