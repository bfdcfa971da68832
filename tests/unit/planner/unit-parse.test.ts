import { describe, expect, it } from "vitest";
import { cartLines } from "../../../app/planner/cart-lines";
import { categorize } from "../../../app/planner/categorize";
import { parseUnit } from "../../../app/planner/unit-parse";
import { buildCart } from "../../support/planner-carts";

describe("unit parser", () => {
  it.each([
    ["1.0 Lbs", { measure: "oz", low: 16, high: 16 }],
    ["8.0 oz", { measure: "oz", low: 8, high: 8 }],
    ["8.0 Ounce", { measure: "oz", low: 8, high: 8 }],
    [".7-1lb", { measure: "oz", low: 11.2, high: 16 }],
    ["0.7 - 1 lb", { measure: "oz", low: 11.2, high: 16 }],
    [".4-.5 lbs", { measure: "oz", low: 6.4, high: 8 }],
    ["6 .5 oz", { measure: "oz", low: 6.5, high: 6.5 }],
    ["1 dozen", { measure: "each", low: 12, high: 12 }],
    ["5-7 pieces", { measure: "each", low: 5, high: 7 }],
    ["1 bunch", { measure: "bunch", low: 1, high: 1 }],
    ["1.0 Pint", { measure: "pint", low: 1, high: 1 }],
    ["Each", { measure: "each", low: 1, high: 1 }],
  ])("when the unit is %j, then the amount is %j", (unit, expected) => {
    const range = parseUnit(unit)!;
    expect(range.measure).toBe(expected.measure);
    expect(range.low).toBeCloseTo(expected.low);
    expect(range.high).toBeCloseTo(expected.high);
  });

  it.each([null, "", "a handful", "2-1 lb", "lb lb"])("when the unit is %j, then it is not understood", (unit) => {
    expect(parseUnit(unit)).toBeNull();
  });

  it("when a meat line has no readable unit, then it counts as 12 oz per package", () => {
    const cart = buildCart({
      items: [{ name: "Pork Chops", producer: null, unit: "a pack", quantity: 2, priceCents: null, url: null }],
      boxes: [],
    });
    const [line] = cartLines(cart);
    expect(line!.amount).toEqual({ measure: "oz", value: 24 });
    // 24 oz of pork at 23 g per 4 oz.
    expect(line!.proteinG).toBe(138);
  });

  it("when the example cart is read, then lines get the spec's references and categories", () => {
    const lines = cartLines(buildCart());
    expect(lines.map((l) => `${l.ref}:${l.category}`)).toEqual([
      "i1:protein",
      "i2:protein",
      "i3:protein",
      "b1s1:vegetable",
      "b1s2:vegetable",
      "b1s3:protein",
      "b1a1:vegetable",
      "b1a2:protein",
      "b2s1:fruit",
    ]);
    expect(lines.find((l) => l.ref === "i1")!.proteinG).toBe(72);
  });
});

describe("categorizer", () => {
  it.each([
    ["Wild Alaskan Salmon", "protein"],
    ["Green Beans", "vegetable"],
    ["Black Beans", "protein"],
    ["Organic Red Kale", "vegetable"],
    ["Genovese Basil", "herb"],
    ["Aged Cheddar", "protein"],
    ["Whole Milk", "dairy"],
    ["Sourdough Bread", "grain"],
    ["Sugar Cube Cantaloupe", "fruit"],
    ["Eggplant", "vegetable"],
    ["Mystery Jar", "other"],
  ])("when the line is %j, then its category is %s", (name, category) => {
    const line = cartLines(
      buildCart({ items: [{ name, producer: null, unit: null, quantity: 1, priceCents: null, url: null }], boxes: [] }),
    )[0]!;
    expect(line.category).toBe(category);
    if (name === "Eggplant") expect(categorize(name)).toBe("vegetable");
  });
});
