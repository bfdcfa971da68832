import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  collapseDoubledText,
  normaliseText,
  parsePriceCents,
  parseQuantity,
  parseSelectedCount,
  splitLeadingQuantity,
} from "../../../app/scraper/cart-text";

describe("collapseDoubledText", () => {
  it.each([
    ["Sunny HarvestSunny Harvest", "Sunny Harvest"],
    ["Farm to PeopleFarm to People", "Farm to People"],
    ["  Sunny HarvestSunny Harvest \n", "Sunny Harvest"],
    ["Walla Walla", "Walla Walla"],
    ["Sunny Harvest", "Sunny Harvest"],
    ["Sunny Harvest Sunny Harvest", "Sunny Harvest Sunny Harvest"],
    ["", ""],
  ])("when the text is %j, then it reads %j", (text, expected) => {
    expect(collapseDoubledText(text)).toBe(expected);
  });

  it("when any trimmed text is doubled, then collapsing gives it back", () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1 })
          .map(normaliseText)
          .filter((s) => s.length > 0),
        (x) => {
          expect(collapseDoubledText(x + x)).toBe(x);
        },
      ),
    );
  });
});

describe("normaliseText", () => {
  it("when text has runs of spaces, newlines and non-breaking spaces, then they read as one space", () => {
    expect(normaliseText("  Organic &\u00a0 Fair\n Trade  ")).toBe("Organic & Fair Trade");
  });
});

describe("parsePriceCents", () => {
  it.each([
    ["$1.99", 199],
    ["$25.00", 2500],
    ["$8", 800],
    [" $ 10.95 ", 1095],
    ["$1,250.50", 125050],
    ["$0.5", 50],
    ["Free", null],
    [null, null],
  ])("when the price shows %j, then it is %j cents", (text, expected) => {
    expect(parsePriceCents(text)).toBe(expected);
  });
});

describe("splitLeadingQuantity", () => {
  it.each([
    ["2 Sugar Cube Cantaloupe", { quantity: 2, name: "Sugar Cube Cantaloupe" }],
    ["1 Prune Plums", { quantity: 1, name: "Prune Plums" }],
    ["Prune Plums", { quantity: 1, name: "Prune Plums" }],
    ["12  Eggs", { quantity: 12, name: "Eggs" }],
  ])("when the sub-item reads %j, then quantity and name are %j", (text, expected) => {
    expect(splitLeadingQuantity(text)).toEqual(expected);
  });
});

describe("parseQuantity and parseSelectedCount", () => {
  it.each([
    ["3", 3],
    [" 2 ", 2],
    ["", 1],
    [null, 1],
    ["0", 1],
  ])("when a quantity reads %j, then it is %i", (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
  });

  it.each([
    ["7 items selected", 7],
    ["7 of 14 items selected", 7],
    ["1 item selected", 1],
    ["Price: $25.00", null],
  ])("when the footer reads %j, then the selected count is %j", (text, expected) => {
    expect(parseSelectedCount(text)).toBe(expected);
  });
});
