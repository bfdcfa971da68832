// The PLAN_READY text (spec/product.md 3.6, 3.8): header, optional note, one numbered line per meal with minutes
// and protein, then the link; plain GSM-7 and at most 3 segments. Pure.
import { FALLBACK_LABEL } from "./fallback-planner";
import { segments, toGsm7 } from "./gsm7";
import type { MealPlan } from "./meal-plan-schema";

/** 3.8: PLAN_READY may use 3 segments (459 septets). */
export const PLAN_READY_MAX_SEGMENTS = 3;
/** 3.8: meal names are first shortened to this many characters at a word boundary, plus "...". */
export const SHORT_MEAL_NAME_CHARS = 34;

export type StoredCartReason = "site_unavailable" | "timeout" | "layout_changed" | "internal";

export interface PlanSummaryInput {
  plan: MealPlan;
  planUrl: string;
  /** Set when the plan was made from the stored cart after a failed scrape (3.6). */
  storedCart?: { savedAt: string; reason: StoredCartReason } | null;
}

const REASON_TEXT: Record<StoredCartReason, string> = {
  site_unavailable: "site unavailable.",
  timeout: "site slow.",
  layout_changed: "site changed.",
  internal: "site unavailable.",
};

export function planSummary(input: PlanSummaryInput): string {
  const { plan, planUrl } = input;
  const lead = plan.source === "fallback" ? FALLBACK_LABEL : "Your meal plan";
  const date = plan.deliveryDate === null ? "" : ` for ${formatDeliveryDate(plan.deliveryDate)}`;
  const header = `${lead}${date} (serves ${plan.servings}, protein per serving):`;
  const note = input.storedCart
    ? `From your cart saved ${formatDayInNewYork(input.storedCart.savedAt)}; ${REASON_TEXT[input.storedCart.reason]}`
    : null;
  const link = plan.locked ? `Recipes and tips: ${planUrl}` : `Recipes, swaps, add-ons: ${planUrl}`;
  const lineFor = (name: string, i: number) => {
    const m = plan.meals[i]!;
    return `${i + 1}. ${name} - ${m.totalMinutes} min, ${Math.round(m.proteinPerServingG)}g protein`;
  };
  const compose = (names: string[], dropped: number) =>
    toGsm7(
      [header, ...(note ? [note] : []), ...names.map(lineFor), ...(dropped > 0 ? [`+${dropped} more at the link.`] : []), link].join("\n"),
    );
  const fits = (text: string) => segments(text) <= PLAN_READY_MAX_SEGMENTS;

  const full = plan.meals.map((m) => toGsm7(m.name).trim());
  let text = compose(full, 0);
  if (fits(text)) return text;
  const short = full.map(shortenName);
  for (let kept = short.length; kept >= 0; kept--) {
    text = compose(short.slice(0, kept), short.length - kept);
    if (fits(text)) return text;
  }
  return text;
}

export function shortenName(name: string): string {
  if (name.length <= SHORT_MEAL_NAME_CHARS) return name;
  const cut = name.slice(0, SHORT_MEAL_NAME_CHARS + 1);
  const space = cut.lastIndexOf(" ");
  const base = space > 0 ? cut.slice(0, space) : name.slice(0, SHORT_MEAL_NAME_CHARS);
  return `${base.replace(/[\s,;:-]+$/, "")}...`;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-09-17" → "Thu Sep 17". */
export function formatDeliveryDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[m - 1]} ${d}`;
}

/** An instant as its day in America/New_York: "Tue Sep 15". */
export function formatDayInNewYork(iso: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "America/New_York",
    weekday: "short",
    month: "short",
    day: "numeric",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("month")} ${get("day")}`;
}
