import { describe, expect, it } from "vitest";
import { normaliseUnit } from "../../../app/scraper/units";

describe("normaliseUnit", () => {
  it.each([
    ["1.0 Lbs", { min: 1, max: 1, kind: "lb" }],
    ["2 Lbs", { min: 2, max: 2, kind: "lb" }],
    ["8.0 oz", { min: 8, max: 8, kind: "oz" }],
    ["8.0 Ounce", { min: 8, max: 8, kind: "oz" }],
    ["12 oz", { min: 12, max: 12, kind: "oz" }],
    ["6 .5 oz", { min: 6.5, max: 6.5, kind: "oz" }],
    [".7-1lb", { min: 0.7, max: 1, kind: "lb" }],
    ["0.7 - 1 lb", { min: 0.7, max: 1, kind: "lb" }],
    [".4-.5 lbs", { min: 0.4, max: 0.5, kind: "lb" }],
    ["1 bunch", { min: 1, max: 1, kind: "bunch" }],
    ["1 dozen", { min: 1, max: 1, kind: "dozen" }],
    ["1 piece", { min: 1, max: 1, kind: "piece" }],
    ["5-7 pieces", { min: 5, max: 7, kind: "piece" }],
    ["1.0 Pint", { min: 1, max: 1, kind: "pint" }],
    ["Each", { min: 1, max: 1, kind: "each" }],
    [" 1 head ", { min: 1, max: 1, kind: "head" }],
  ])("when the unit reads %j, then it means %j", (raw, expected) => {
    expect(normaliseUnit(raw)).toEqual(expected);
  });

  it.each(["", "a lot", "3 crates", "7-5 pieces", "lbs"])("when the unit reads %j, then it is not understood", (raw) => {
    expect(normaliseUnit(raw)).toBeNull();
  });
});
