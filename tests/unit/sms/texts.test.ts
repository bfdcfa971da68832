import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countSegments, isGsm7 } from "../../../app/sms/segments";
import * as texts from "../../../app/sms/texts";
import { PLAN_READY, type PlanReadyFacts, REPLY_TEXT_IDS, type ReplyTextId, shortenMealName } from "../../../app/sms/texts";

// Links are budgeted at 80 characters (product.md 3.8).
const LINK = `https://meals.example.com/${"x".repeat(80 - "https://meals.example.com/".length)}`;
const SUPPORT = LINK;

/** Every text rendered with worst-case inserts; `link` says whether its budget is 2 segments instead of 1. */
const RENDERED: Record<Exclude<ReplyTextId, "PLAN_READY">, { text: string; link: boolean }> = {
  CONFIRM: { text: texts.CONFIRM(), link: false },
  WELCOME: { text: texts.WELCOME(), link: false },
  RESUBSCRIBED: { text: texts.RESUBSCRIBED(), link: false },
  UNSUPPRESSED: { text: texts.UNSUPPRESSED({ onboardUrl: LINK }), link: true },
  STOPPED: { text: texts.STOPPED(), link: false },
  HELP: { text: texts.HELP({ support: SUPPORT }), link: true },
  HELP_OPTED_OUT: { text: texts.HELP_OPTED_OUT({ support: SUPPORT }), link: true },
  UNKNOWN: { text: texts.UNKNOWN({ onboardUrl: LINK }), link: true },
  PENDING: { text: texts.PENDING(), link: false },
  ALREADY: { text: texts.ALREADY(), link: false },
  ALREADY_SIGNED_UP: { text: texts.ALREADY_SIGNED_UP({ settingsUrl: LINK }), link: true },
  SETTINGS: { text: texts.SETTINGS({ settingsUrl: LINK }), link: true },
  GREETING: { text: texts.GREETING(), link: false },
  MENU: { text: texts.MENU(), link: false },
  STATUS_IDLE: {
    text: texts.STATUS_IDLE({
      cartReadAt: new Date("2026-09-16T03:04:00Z"),
      deliveryDate: "2026-09-17",
      lockAt: new Date("2026-09-16T15:59:00Z"),
      locked: false,
    }),
    link: false,
  },
  STATUS_NO_CART: { text: texts.STATUS_NO_CART(), link: false },
  STATUS_WORKING: { text: texts.STATUS_WORKING(), link: false },
  STATUS_CREDENTIALS: { text: texts.STATUS_CREDENTIALS({ settingsUrl: LINK }), link: true },
  ACK: { text: texts.ACK(), link: false },
  PROGRESS: { text: texts.PROGRESS({ itemCount: 120, boxCount: 12, deliveryDate: "2026-09-17" }), link: false },
  BUSY: { text: texts.BUSY(), link: false },
  LIMIT: { text: texts.LIMIT({ planUrl: LINK }), link: true },
  CREDENTIALS: { text: texts.CREDENTIALS({ settingsUrl: LINK }), link: true },
  CREDENTIALS_KNOWN: { text: texts.CREDENTIALS_KNOWN({ settingsUrl: LINK }), link: true },
  SITE_DOWN: { text: texts.SITE_DOWN(), link: false },
  SITE_SLOW: { text: texts.SITE_SLOW(), link: false },
  SITE_CHANGED: { text: texts.SITE_CHANGED(), link: false },
  CART_EMPTY: { text: texts.CART_EMPTY({ deliveryDate: "2026-09-17" }), link: false },
  INTERNAL: { text: texts.INTERNAL(), link: false },
};

const planFacts = (overrides: Partial<PlanReadyFacts> = {}): PlanReadyFacts => ({
  fallback: false,
  deliveryDate: "2026-09-17",
  servings: 2,
  meals: [
    { name: "Lemon Garlic Chicken with Kale", minutes: 30, proteinGrams: 38 },
    { name: "Pan-Seared Steelhead and Zucchini", minutes: 25, proteinGrams: 34 },
    { name: "Turkey Meatballs in Tomato Sauce", minutes: 35, proteinGrams: 31 },
    { name: "Kale and Cherry Tomato Frittata", minutes: 20, proteinGrams: 22 },
  ],
  storedCart: null,
  locked: false,
  planUrl: LINK,
  ...overrides,
});

describe("reply texts", () => {
  it("when every text id is listed, then every one has a rendering under test", () => {
    expect(Object.keys(RENDERED).sort()).toEqual(REPLY_TEXT_IDS.filter((id) => id !== "PLAN_READY").sort());
  });

  it.each(Object.entries(RENDERED))(
    "when %s is rendered with 80-character links, then it is GSM-7 within its budget",
    (_id, { text, link }) => {
      const count = countSegments(text);
      expect(count.encoding).toBe("gsm7");
      expect(count.segments).toBeLessThanOrEqual(link ? 2 : 1);
    },
  );

  it("when the texts carry the spec's wording, then CONFIRM, STOPPED and HELP read exactly so", () => {
    expect(texts.CONFIRM()).toBe(
      "Farm to People meal plans: reply YES to confirm texts. Msgs when you text us, about 1-2/wk. Msg&data rates may apply. Reply HELP for help, STOP to cancel.",
    );
    expect(texts.STOPPED()).toBe(
      "You're unsubscribed from Farm to People meal plan texts and will get no more messages. Reply START to resubscribe.",
    );
    expect(texts.HELP({ support: "help@example.com" })).toBe(
      "Farm to People meal plans: text PLAN for meals from your cart. About 1-2 msgs/wk. Msg&data rates may apply. Help: help@example.com Reply STOP to cancel.",
    );
  });

  it("when the status has a cart read Tue Sep 15 3:04 PM ET with its lock time, then it reads as the spec's example", () => {
    const text = texts.STATUS_IDLE({
      cartReadAt: new Date("2026-09-15T19:04:00Z"), // 3:04 PM EDT
      deliveryDate: "2026-09-17",
      lockAt: new Date("2026-09-16T15:59:00Z"),
      locked: false,
    });
    expect(text).toBe(
      "Account active. Last cart read Tue Sep 15 3:04 PM for delivery Thu Sep 17; edits close Wed Sep 16 11:59 AM ET. Text PLAN for a plan.",
    );
  });

  it("when the stored cart is locked, then the status says 'cart locked'; when the lock time is unknown, the clause goes", () => {
    const base = { cartReadAt: new Date("2026-09-15T19:04:00Z"), deliveryDate: "2026-09-17", lockAt: new Date("2026-09-16T15:59:00Z") };
    expect(texts.STATUS_IDLE({ ...base, locked: true })).toBe(
      "Account active. Last cart read Tue Sep 15 3:04 PM for delivery Thu Sep 17; cart locked. Text PLAN for a plan.",
    );
    expect(texts.STATUS_IDLE({ ...base, lockAt: null, locked: false })).toBe(
      "Account active. Last cart read Tue Sep 15 3:04 PM for delivery Thu Sep 17. Text PLAN for a plan.",
    );
  });

  it("when progress is reported for 12 items and 2 boxes, then it reads as the spec's example", () => {
    expect(texts.PROGRESS({ itemCount: 12, boxCount: 2, deliveryDate: "2026-09-17" })).toBe(
      "Cart read: 12 items and 2 boxes for Thu Sep 17. Planning your meals now...",
    );
  });

  it("when the cart has no delivery date, then CART_EMPTY drops the date", () => {
    expect(texts.CART_EMPTY({ deliveryDate: null })).toBe(
      "Your Farm to People cart is empty, so there's nothing to plan yet. Add items at farmtopeople.com, then text PLAN.",
    );
  });
});

describe("PLAN_READY", () => {
  it("when the spec's four meals and an 80-character link are planned, then the text is the example, in 3 segments", () => {
    const text = PLAN_READY(planFacts());
    expect(text).toBe(
      [
        "Your meal plan for Thu Sep 17 (serves 2, protein per serving):",
        "1. Lemon Garlic Chicken with Kale - 30 min, 38g protein",
        "2. Pan-Seared Steelhead and Zucchini - 25 min, 34g protein",
        "3. Turkey Meatballs in Tomato Sauce - 35 min, 31g protein",
        "4. Kale and Cherry Tomato Frittata - 20 min, 22g protein",
        `Recipes, swaps, add-ons: ${LINK}`,
      ].join("\n"),
    );
    expect(countSegments(text)).toMatchObject({ encoding: "gsm7", segments: 3 });
  });

  it("when the fallback planner made it from a stored cart with a locked cart, then header, note and footer say so", () => {
    const text = PLAN_READY(
      planFacts({
        fallback: true,
        locked: true,
        storedCart: { savedAt: new Date("2026-09-15T19:04:00Z"), reason: "unavailable" },
        meals: [],
      }),
    );
    expect(text).toBe(
      [
        "Basic plan (not AI) for Thu Sep 17 (serves 2, protein per serving):",
        "From your cart saved Tue Sep 15; site unavailable.",
        `Recipes and tips: ${LINK}`,
      ].join("\n"),
    );
  });

  it("when there is no delivery date, then the header has none", () => {
    expect(PLAN_READY(planFacts({ deliveryDate: null, meals: [] })).split("\n")[0]).toBe("Your meal plan (serves 2, protein per serving):");
  });

  it("when meal names are too long to fit, then they are cut at 34 characters at a word boundary and meals dropped with a count", () => {
    const long = "Slow-Roasted Heritage Chicken Thighs with Charred Lemon, Fennel and Herbs";
    const meals = Array.from({ length: 8 }, (_, i) => ({ name: `${long} ${i}`, minutes: 30, proteinGrams: 30 }));
    const text = PLAN_READY(planFacts({ meals }));
    const lines = text.split("\n");
    expect(lines[1]).toBe("1. Slow-Roasted Heritage Chicken... - 30 min, 30g protein");
    expect(lines.at(-2)).toMatch(/^\+\d more at the link\.$/);
    expect(lines.at(-1)).toBe(`Recipes, swaps, add-ons: ${LINK}`);
    expect(countSegments(text).segments).toBeLessThanOrEqual(3);
  });

  it("when a meal name has emoji and curly quotes, then the text stays GSM-7", () => {
    const text = PLAN_READY(planFacts({ meals: [{ name: "Mom\u2019s Tacos \u{1F32E}", minutes: 20, proteinGrams: 25 }] }));
    expect(text.split("\n")[1]).toBe("1. Mom's Tacos - 20 min, 25g protein");
  });

  it("property: whatever the meals, PLAN_READY is GSM-7, at most 3 segments, and keeps its header and link", () => {
    const meal = fc.record({
      name: fc.string({ unit: "grapheme", minLength: 1, maxLength: 90 }),
      minutes: fc.integer({ min: 1, max: 999 }),
      proteinGrams: fc.integer({ min: 0, max: 999 }),
    });
    fc.assert(
      fc.property(fc.array(meal, { maxLength: 12 }), fc.boolean(), fc.integer({ min: 1, max: 12 }), (meals, fallback, servings) => {
        const text = PLAN_READY(planFacts({ meals, fallback, servings }));
        expect(isGsm7(text)).toBe(true);
        expect(countSegments(text).segments).toBeLessThanOrEqual(3);
        expect(text.endsWith(LINK)).toBe(true);
        expect(text.split("\n")[0]).toContain(`(serves ${servings}, protein per serving):`);
      }),
    );
  });

  it("property: a shortened meal name is at most 37 characters and a prefix of the original", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 35, maxLength: 120 }), (name) => {
        const short = shortenMealName(name);
        expect(short.length).toBeLessThanOrEqual(37);
        expect(short.endsWith("...")).toBe(true);
        expect(name.startsWith(short.slice(0, -3))).toBe(true);
      }),
    );
  });
});
