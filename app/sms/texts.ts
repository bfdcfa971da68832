// Every text the assistant sends, exactly as spec/product.md 3.5-3.7 words them: one function per text id.
// Plain GSM-7, no emoji, and no function takes the customer's own words, so no reply can echo them.
import { formatDay, formatDayTime, formatDeliveryDate } from "./dates";
import { countSegments, sanitiseForGsm7 } from "./segments";

export const REPLY_TEXT_IDS = [
  "CONFIRM",
  "WELCOME",
  "RESUBSCRIBED",
  "UNSUPPRESSED",
  "STOPPED",
  "HELP",
  "HELP_OPTED_OUT",
  "UNKNOWN",
  "PENDING",
  "ALREADY",
  "ALREADY_SIGNED_UP",
  "SETTINGS",
  "GREETING",
  "MENU",
  "STATUS_IDLE",
  "STATUS_NO_CART",
  "STATUS_WORKING",
  "STATUS_CREDENTIALS",
  "ACK",
  "PROGRESS",
  "BUSY",
  "LIMIT",
  "PLAN_READY",
  "CREDENTIALS",
  "CREDENTIALS_KNOWN",
  "SITE_DOWN",
  "SITE_SLOW",
  "SITE_CHANGED",
  "CART_EMPTY",
  "INTERNAL",
] as const;
export type ReplyTextId = (typeof REPLY_TEXT_IDS)[number];

export interface OnboardLink {
  /** Absolute URL of the onboarding page under PUBLIC_BASE_URL. */
  onboardUrl: string;
}
export interface SupportContact {
  /** The configured support contact: an email address or a short URL. */
  support: string;
}
export interface SettingsLink {
  /** Absolute, single-use settings link, valid 30 minutes (product.md 2.4). */
  settingsUrl: string;
}
export interface PlanLink {
  planUrl: string;
}

export const CONFIRM = (): string =>
  "Farm to People meal plans: reply YES to confirm texts. Msgs when you text us, about 1-2/wk. Msg&data rates may apply. Reply HELP for help, STOP to cancel.";

export const WELCOME = (): string =>
  "You're subscribed to Farm to People meal plans. Text PLAN for meals from your cart. About 1-2 msgs/wk. Msg&data rates may apply. HELP for help, STOP to cancel.";

export const RESUBSCRIBED = (): string =>
  "You're resubscribed to Farm to People meal plans. Text PLAN for meals from your cart. About 1-2 msgs/wk. Msg&data rates may apply. HELP for help, STOP to end.";

export const UNSUPPRESSED = ({ onboardUrl }: OnboardLink): string =>
  `You can get texts from Farm to People meal plans again. To set up meal plans, visit ${onboardUrl} STOP to cancel.`;

export const STOPPED = (): string =>
  "You're unsubscribed from Farm to People meal plan texts and will get no more messages. Reply START to resubscribe.";

export const HELP = ({ support }: SupportContact): string =>
  `Farm to People meal plans: text PLAN for meals from your cart. About 1-2 msgs/wk. Msg&data rates may apply. Help: ${support} Reply STOP to cancel.`;

export const HELP_OPTED_OUT = ({ support }: SupportContact): string =>
  `Farm to People meal plans: you are opted out and get no texts. Reply START to resubscribe. Help: ${support}`;

export const UNKNOWN = ({ onboardUrl }: OnboardLink): string =>
  `Farm to People meal plans turns your cart into dinners. Sign up: ${onboardUrl} Reply HELP for help, STOP to opt out.`;

export const PENDING = (): string => "Almost there! Reply YES to confirm texts for this number, then text PLAN for your meal plan.";

export const ALREADY = (): string =>
  "You're already subscribed. Text PLAN for a meal plan from your cart, STATUS for your account, HELP for help.";

export const ALREADY_SIGNED_UP = ({ settingsUrl }: SettingsLink): string =>
  `You're already signed up. Change preferences or your Farm to People login here (works 30 min): ${settingsUrl}`;

export const SETTINGS = ({ settingsUrl }: SettingsLink): string =>
  `Change your preferences or Farm to People login here (works 30 min): ${settingsUrl}`;

export const GREETING = (): string =>
  "Hi! I turn your Farm to People cart into a meal plan. Text PLAN to start, STATUS for your account, HELP for help.";

export const MENU = (): string =>
  "Sorry, I didn't get that. Text PLAN for a meal plan from your cart, STATUS for your account, SETTINGS to change preferences, HELP for help.";

export interface StatusIdleFacts {
  /** When the latest stored cart was read. */
  cartReadAt: Date;
  /** Cart.delivery.date (`2026-09-17`), null when the cart had no delivery. */
  deliveryDate: string | null;
  /** Cart.delivery.lockAt; null when unknown. */
  lockAt: Date | null;
  /** The stored cart is locked (product.md 4.2): edits are closed. */
  locked: boolean;
}

export const STATUS_IDLE = ({ cartReadAt, deliveryDate, lockAt, locked }: StatusIdleFacts): string => {
  const delivery = deliveryDate === null ? "" : ` for delivery ${formatDeliveryDate(deliveryDate)}`;
  const lock = locked ? "; cart locked" : lockAt === null ? "" : `; edits close ${formatDayTime(lockAt)} ET`;
  return `Account active. Last cart read ${formatDayTime(cartReadAt)}${delivery}${lock}. Text PLAN for a plan.`;
};

export const STATUS_NO_CART = (): string => "Account active. No cart read yet. Text PLAN for a meal plan from your cart.";

export const STATUS_WORKING = (): string => "Account active. I'm working on your plan now; it should arrive within 2 minutes.";

export const STATUS_CREDENTIALS = ({ settingsUrl }: SettingsLink): string =>
  `Farm to People rejected your saved login. Update it here (works 30 min), then text PLAN: ${settingsUrl}`;

export const ACK = (): string => "Got it! Reading your Farm to People cart now. Your meal plan usually arrives within 2 minutes.";

export interface ProgressFacts {
  itemCount: number;
  boxCount: number;
  deliveryDate: string | null;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const PROGRESS = ({ itemCount, boxCount, deliveryDate }: ProgressFacts): string => {
  const boxes = boxCount > 0 ? ` and ${plural(boxCount, "box", "boxes")}` : "";
  const date = deliveryDate === null ? "" : ` for ${formatDeliveryDate(deliveryDate)}`;
  return `Cart read: ${plural(itemCount, "item", "items")}${boxes}${date}. Planning your meals now...`;
};

export const BUSY = (): string => "Still working on your plan. It will arrive shortly, no need to text PLAN again.";

export const LIMIT = ({ planUrl }: PlanLink): string =>
  `You've reached today's limit of 6 plans. Your latest plan: ${planUrl} Text PLAN again tomorrow.`;

export const CREDENTIALS = ({ settingsUrl }: SettingsLink): string =>
  `Farm to People didn't accept your saved email and password. Update them here (works 30 min), then text PLAN: ${settingsUrl}`;

export const CREDENTIALS_KNOWN = ({ settingsUrl }: SettingsLink): string =>
  `Your saved Farm to People login was rejected last time. Update it here (works 30 min), then text PLAN: ${settingsUrl}`;

export const SITE_DOWN = (): string =>
  "The Farm to People site isn't responding right now, so I couldn't read your cart. Please text PLAN again in about 15 minutes.";

export const SITE_SLOW = (): string =>
  "The Farm to People site is very slow right now, so I couldn't read your cart. Please text PLAN again in about 15 minutes.";

export const SITE_CHANGED = (): string =>
  "I couldn't read your cart because the Farm to People site changed. Our team has been alerted. Please text PLAN again later today.";

export const CART_EMPTY = ({ deliveryDate }: { deliveryDate: string | null }): string => {
  const forDate = deliveryDate === null ? "" : ` for ${formatDeliveryDate(deliveryDate)}`;
  return `Your Farm to People cart${forDate} is empty, so there's nothing to plan yet. Add items at farmtopeople.com, then text PLAN.`;
};

export const INTERNAL = (): string =>
  "Sorry, something went wrong on our side while making your plan. Please text PLAN again in a few minutes.";

/** PLAN_READY fits in 3 segments (product.md 3.8): 459 GSM-7 septets. */
export const PLAN_READY_MAX_SEGMENTS = 3;
/** Meal names longer than this are cut at a word boundary and get "..." (product.md 3.8). */
export const MEAL_NAME_MAX_CHARS = 34;

export type StoredCartReason = "unavailable" | "slow" | "changed";

export interface PlanReadyFacts extends PlanLink {
  /** The deterministic fallback planner made it (product.md 5.10). */
  fallback: boolean;
  deliveryDate: string | null;
  servings: number;
  meals: ReadonlyArray<{ name: string; minutes: number; proteinGrams: number }>;
  /** Set when the plan came from the stored cart after a failed scrape. */
  storedCart: { savedAt: Date; reason: StoredCartReason } | null;
  /** A locked cart has no swaps or add-ons. */
  locked: boolean;
}

export const PLAN_READY = (facts: PlanReadyFacts): string => {
  const date = facts.deliveryDate === null ? "" : ` for ${formatDeliveryDate(facts.deliveryDate)}`;
  const title = facts.fallback ? `Basic plan (not AI)${date}` : `Your meal plan${date}`;
  const header = `${title} (serves ${facts.servings}, protein per serving):`;
  const note = facts.storedCart ? [`From your cart saved ${formatDay(facts.storedCart.savedAt)}; site ${facts.storedCart.reason}.`] : [];
  const footer = facts.locked ? `Recipes and tips: ${facts.planUrl}` : `Recipes, swaps, add-ons: ${facts.planUrl}`;
  const meals = facts.meals.map((m) => ({ ...m, name: sanitiseForGsm7(m.name).trim() }));
  const render = (names: string[], shown: number): string => {
    const lines = names
      .slice(0, shown)
      .map((name, i) => `${i + 1}. ${name} - ${meals[i]!.minutes} min, ${meals[i]!.proteinGrams}g protein`);
    const more = shown < names.length ? [`+${names.length - shown} more at the link.`] : [];
    return [header, ...note, ...lines, ...more, footer].join("\n");
  };
  const fits = (text: string) => countSegments(text).segments <= PLAN_READY_MAX_SEGMENTS;

  const fullNames = meals.map((m) => m.name);
  const full = render(fullNames, fullNames.length);
  if (fits(full)) return full;
  const shortNames = fullNames.map(shortenMealName);
  for (let shown = shortNames.length; shown > 0; shown--) {
    const text = render(shortNames, shown);
    if (fits(text)) return text;
  }
  // The header and the link always stay, even when no meal line fits beside them.
  return render(shortNames, 0);
};

/** Cuts a name to at most 34 characters at a word boundary and marks the cut with "...". */
export function shortenMealName(name: string): string {
  if (name.length <= MEAL_NAME_MAX_CHARS) return name;
  const cut = name.slice(0, MEAL_NAME_MAX_CHARS + 1);
  const boundary = cut.lastIndexOf(" ");
  const kept = boundary > 0 ? cut.slice(0, boundary) : name.slice(0, MEAL_NAME_MAX_CHARS);
  return `${kept.replace(/[\s,;:-]+$/, "")}...`;
}

/** Texts that take no facts, by id. */
export const FIXED_TEXTS = {
  CONFIRM,
  WELCOME,
  RESUBSCRIBED,
  STOPPED,
  PENDING,
  ALREADY,
  GREETING,
  MENU,
  STATUS_NO_CART,
  STATUS_WORKING,
  ACK,
  BUSY,
  SITE_DOWN,
  SITE_SLOW,
  SITE_CHANGED,
  INTERNAL,
} as const satisfies Partial<Record<ReplyTextId, () => string>>;

/** Texts that carry a settings link, by id. */
export const SETTINGS_LINK_TEXTS = {
  SETTINGS,
  ALREADY_SIGNED_UP,
  STATUS_CREDENTIALS,
  CREDENTIALS,
  CREDENTIALS_KNOWN,
} as const satisfies Partial<Record<ReplyTextId, (link: SettingsLink) => string>>;
