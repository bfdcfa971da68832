// The plan page (spec/product.md 6.1, 6.3): mobile-first HTML without scripts, every scraped and AI string escaped by
// the `html` tag. The PDF is this same page printed by Chromium. Pure: the plan, its cart and the links go in.
import { type CartLine, cartLines, FALLBACK_LABEL, type Meal, type MealPlan } from "../planner";
import type { Cart } from "../scraper/cart-schema";
import { html, type SafeHtml } from "./html";
import { PLAN_STYLESHEET_PATH } from "./plan-page-style";

export const FTP_ORIGIN = "https://farmtopeople.com";

export interface PlanPageInput {
  plan: MealPlan;
  /** The cart the plan was made from; null when it is no longer stored (the overview is then left out). */
  cart: Cart | null;
  /** Relative link of the PDF; omitted inside the PDF itself. */
  pdfHref: string | null;
}

export function renderPlanPage(input: PlanPageInput): string {
  const { plan, cart } = input;
  const lines = cart ? cartLines(cart) : [];
  const byRef = new Map(lines.map((l) => [l.ref, l]));
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Your meal plan</title>
<link rel="stylesheet" href="${PLAN_STYLESHEET_PATH}">
</head>
<body>
<main>
${header(plan, cart)}
<section aria-labelledby="meals-title">
<h2 id="meals-title">Meals</h2>
${plan.meals.map((m, i) => mealCard(m, i + 1, plan, byRef))}
</section>
${plan.extras.length > 0 ? html`<section aria-labelledby="extras-title"><h2 id="extras-title">Extras</h2>${plan.extras.map((m, i) => mealCard(m, i + 1, plan, byRef))}</section>` : ""}
${cart ? cartOverview(cart, plan, lines) : ""}
${storageSection(plan, byRef)}
${plan.locked ? "" : swapsAndAddOns(plan, cart)}
${plan.notes.length > 0 ? html`<section aria-labelledby="notes-title"><h2 id="notes-title">Notes</h2><ul>${plan.notes.map((n) => html`<li>${n}</li>`)}</ul></section>` : ""}
${footer(plan, input.pdfHref)}
</main>
</body>
</html>
`;
  return page.value;
}

function header(plan: MealPlan, cart: Cart | null): SafeHtml {
  const delivery = cart?.delivery ? cart.delivery.text : plan.deliveryDate ? formatDate(plan.deliveryDate) : null;
  return html`<header>
<h1>Your meal plan</h1>
<ul class="facts">
${delivery ? html`<li>Delivery: ${delivery}</li>` : ""}
${cart ? html`<li>Cart read ${formatInstant(cart.scrapedAt)}</li>` : ""}
${plan.locked ? html`<li>Cart locked</li>` : cart?.delivery ? html`<li>Edits close ${formatInstant(cart.delivery.lockAt)}</li>` : ""}
<li>Serves ${plan.servings}</li>
</ul>
<p class="badges">
${plan.source === "fallback" ? html`<span class="badge">${FALLBACK_LABEL}</span>` : ""}
${plan.cartSource === "stored" ? html`<span class="badge">From your saved cart</span>` : ""}
</p>
</header>`;
}

function mealCard(meal: Meal, n: number, plan: MealPlan, byRef: Map<string, CartLine>): SafeHtml {
  const target = plan.protein.targetMinG ?? plan.protein.floorG;
  const tips = plan.storageTips.filter((t) => meal.ingredients.some((i) => i.ref === t.ref));
  return html`<article class="meal">
<h3>${n}. ${meal.name}</h3>
<p class="meta">${meal.totalMinutes} min · serves ${meal.servings} · ${
    meal.belowTarget
      ? html`<span class="below">${formatGrams(meal.proteinPerServingG)} g protein per serving (below your ${target} g target)</span>`
      : `${formatGrams(meal.proteinPerServingG)} g protein per serving`
  }</p>
<ul>
${meal.ingredients.map((ing) =>
  ing.share === null
    ? html`<li>${ing.label} <span class="pantry">pantry</span></li>`
    : html`<li>${byRef.get(ing.ref)?.name ?? ing.label} <span class="pantry">(${formatShare(ing.share)})</span></li>`,
)}
</ul>
<ol>${meal.steps.map((s) => html`<li>${s}</li>`)}</ol>
${tips.length > 0 ? html`<p class="tip">${tips[0]!.tip}</p>` : ""}
</article>`;
}

function cartOverview(cart: Cart, plan: MealPlan, lines: CartLine[]): SafeHtml {
  const nameOf = (ref: string) => lines.find((l) => l.ref === ref)?.name ?? ref;
  return html`<section aria-labelledby="cart-title">
<h2 id="cart-title">Your cart</h2>
${
  cart.items.length > 0
    ? html`<div class="table-wrap"><table><thead><tr><th>Item</th><th>Producer</th><th>Unit</th><th>Qty</th><th>Price</th></tr></thead><tbody>
${cart.items.map(
  (item) =>
    html`<tr><td>${productLink(item.name, item.url)}</td><td>${item.producer ?? ""}</td><td>${item.unit ?? ""}</td><td>${item.quantity}</td><td>${item.priceCents === null ? "" : formatPrice(item.priceCents)}</td></tr>`,
)}
</tbody></table></div>`
    : ""
}
${cart.boxes.map(
  (box) => html`<h3>${box.name}${box.customizable ? " (customizable)" : ""}</h3>
<ul>${box.selected.map((s) => html`<li>${s.quantity > 1 ? `${s.quantity} x ` : ""}${s.name}${s.unit ? ` (${s.unit})` : ""}</li>`)}</ul>
${box.customizable && box.alternatives.length > 0 ? html`<p>Alternatives: ${box.alternatives.map((a) => a.name).join(", ")}</p>` : ""}`,
)}
${
  plan.unused.length > 0
    ? html`<h3>Not used in this plan</h3><ul>${plan.unused.map((u) => html`<li>${nameOf(u.ref)}: ${u.reason}</li>`)}</ul>`
    : ""
}
</section>`;
}

function storageSection(plan: MealPlan, byRef: Map<string, CartLine>): SafeHtml | string {
  if (plan.storageTips.length === 0) return "";
  return html`<section aria-labelledby="storage-title"><h2 id="storage-title">Storage tips</h2>
<ul>${plan.storageTips.map((t) => html`<li><strong>${byRef.get(t.ref)?.name ?? t.ref}</strong>: ${t.tip}</li>`)}</ul></section>`;
}

function swapsAndAddOns(plan: MealPlan, cart: Cart | null): SafeHtml {
  const lock = cart?.delivery ? formatInstant(cart.delivery.lockAt) : "your order locks";
  return html`${
    plan.swaps.length > 0
      ? html`<section aria-labelledby="swaps-title"><h2 id="swaps-title">Suggested swaps</h2>
<p>Make swaps on farmtopeople.com before ${lock}.</p>
<ul>${plan.swaps.map((s) => html`<li>${s.box}: ${s.from} → ${s.to}. ${s.reason}</li>`)}</ul></section>`
      : ""
  }
${
  plan.addOns.length > 0
    ? html`<section aria-labelledby="addons-title"><h2 id="addons-title">Add-ons</h2>
<ul>${plan.addOns.map(
        (a) =>
          html`<li>${productLink(a.name, a.url)}: ${a.reason} ${a.priceCents === null ? "(see price on farmtopeople.com)" : `(${formatPrice(a.priceCents)}${a.unit ? ` / ${a.unit}` : ""})`}</li>`,
      )}</ul></section>`
    : ""
}`;
}

function footer(plan: MealPlan, pdfHref: string | null): SafeHtml {
  return html`<footer>
<p>Made ${formatInstant(plan.generatedAt)}. ${plan.source === "ai" ? `Planned by AI (${plan.model ?? "unknown model"}).` : "Basic plan made by rules."}</p>
<p>Check labels for allergens.</p>
${pdfHref ? html`<p class="no-print"><a href="${pdfHref}">Download PDF</a></p>` : ""}
</footer>`;
}

/** 6.3: links only from cart paths under /product/, on farmtopeople.com; anything else stays text. */
export function productLink(name: string, url: string | null): SafeHtml {
  if (url !== null && /^\/product\/[A-Za-z0-9._~%/-]*$/.test(url)) return html`<a href="${FTP_ORIGIN}${url}" rel="noreferrer">${name}</a>`;
  return html`${name}`;
}

function formatShare(share: number): string {
  if (share >= 0.995) return "all";
  if (Math.abs(share - 0.5) < 0.005) return "half";
  if (Math.abs(share - 1 / 3) < 0.005) return "a third";
  if (Math.abs(share - 0.25) < 0.005) return "a quarter";
  return `${Math.round(share * 100)}%`;
}

function formatGrams(g: number): string {
  return String(Math.round(g));
}

function formatPrice(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "2026-09-17" → "Thu Sep 17". */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${MONTHS[m - 1]} ${d}`;
}

/** An instant in America/New_York: "Tue Sep 15, 3:04 PM ET". */
export function formatInstant(iso: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "America/New_York",
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("month")} ${get("day")}, ${get("hour")}:${get("minute")} ${get("dayPeriod")} ET`;
}
