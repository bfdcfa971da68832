import { describe, expect, it } from "vitest";
import { buildPlanningContext } from "../../../app/planner/planning-context";
import { buildPrompt } from "../../../app/planner/prompt";
import { buildCart, buildPreferences, NOW } from "../../support/planner-carts";

describe("prompt builder", () => {
  const ctx = buildPlanningContext({
    cart: buildCart(),
    preferences: buildPreferences({ goals: ["high-protein"], dietaryRestrictions: ["pescatarian"] }),
    now: NOW,
  });

  it("when a prompt is built, then the rules carry the meal target and the data carries every cart line with its reference", () => {
    const { instructions, input } = buildPrompt(ctx);
    expect(instructions).toContain(`Plan exactly ${ctx.target.meals} dinner meals`);
    expect(instructions).toContain("aim for 35-40 g");
    const data = JSON.parse(input.slice(input.indexOf("{")));
    expect(data.cartLines.map((l: { ref: string }) => l.ref)).toEqual(["i1", "i2", "i3", "b1s1", "b1s2", "b1s3", "b1a1", "b1a2", "b2s1"]);
    expect(data.cartLines.find((l: { ref: string }) => l.ref === "i2").excluded).toBe("pescatarian");
    expect(data.pantryStaples.map((s: { id: string }) => s.id)).toContain("olive-oil");
  });

  it("when a repair prompt is built, then it lists the violations of the previous answer", () => {
    const { input } = buildPrompt(ctx, {
      violations: [{ code: "meal_count", message: "plan has 2 meals; the cart supports exactly 3" }],
      previous: '{"meals":[]}',
    });
    expect(input).toContain("- plan has 2 meals; the cart supports exactly 3");
    expect(input).toContain('Previous answer:\n{"meals":[]}');
  });
});
