import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchKeyword } from "../../../app/sms/keywords";
import { normaliseText } from "../../../app/sms/normalise";

describe("normaliseText", () => {
  it.each([
    ["  STOP!!  ", "stop"],
    ["Don\u2019t text me", "dont text me"],
    ["don't   TEXT\tme", "dont text me"],
    ["\uFF33\uFF34\uFF2F\uFF30", "stop"], // full-width letters fold under NFKC
    ["plan, please...", "plan please"],
    ["meal-plan", "meal plan"],
    ["", ""],
  ])("when the text is %j, then it normalises to %j", (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});

describe("matchKeyword", () => {
  const active = { startFirst: false };
  const pending = { startFirst: true };

  it.each([
    ["STOP", "opt_out"],
    ["Stop.", "opt_out"],
    ["please cancel", "opt_out"],
    ["unsubscribe me", "opt_out"],
    ["STOPALL", "opt_out"],
    ["opt out", "opt_out"],
    ["no more texts please", "opt_out"],
    ["Don\u2019t text me again", "opt_out"],
    ["do not text", "opt_out"],
    ["take me off your list", "opt_out"],
    ["remove me", "opt_out"],
    ["leave me alone!", "opt_out"],
    ["stop sending plans", "opt_out"],
    ["help", "help"],
    ["INFO?", "help"],
    ["status", "status"],
    ["preferences", "settings"],
    ["settings please", "settings"],
    ["plan", "plan"],
    ["Meals?", "plan"],
    ["join", "signup"],
    ["sign up", "signup"],
    ["signup", "signup"],
    ["hello there", "greeting"],
    ["hey", "greeting"],
    ["yes", "start"],
    ["thanks!", "unknown"],
    ["", "unknown"],
  ])("when an active account texts %j, then the family is %s", (text, family) => {
    expect(matchKeyword(text, active).family).toBe(family);
  });

  it.each([
    ["nothing", "unknown"], // contains "hi"
    ["newsletter", "unknown"], // contains "new"
    ["explain", "unknown"], // contains "plan"
    ["this", "unknown"],
    ["stopwatch", "unknown"],
    ["helpful", "unknown"],
    ["yesterday", "unknown"],
    ["planet", "unknown"],
  ])("when %j contains a keyword only inside a word, then it does not match (%s)", (text, family) => {
    expect(matchKeyword(text, active).family).toBe(family);
  });

  it("when a text holds both STOP and PLAN, then opting out wins", () => {
    expect(matchKeyword("plan? no, stop", active).family).toBe("opt_out");
  });

  it("when a text holds HELP and YES from a pending number, then help wins over start", () => {
    expect(matchKeyword("yes help", pending).family).toBe("help");
  });

  it("when a pending number texts 'yes plan', then Start comes before Plan", () => {
    expect(matchKeyword("yes plan", pending).family).toBe("start");
  });

  it("when an active account texts 'yes plan', then Plan comes before Start", () => {
    expect(matchKeyword("yes plan", active)).toEqual({ family: "plan", forceRefresh: false });
  });

  it.each(["new plan", "plan again", "another meal plan", "different meals", "refresh plan"])(
    "when an active account texts %j, then it is a force-refresh plan request",
    (text) => {
      expect(matchKeyword(text, active)).toEqual({ family: "plan", forceRefresh: true });
    },
  );

  it("when 'new' comes without a plan word, then it is the sign-up family", () => {
    expect(matchKeyword("new", active)).toEqual({ family: "signup", forceRefresh: false });
  });

  it("property: a STOP word anywhere among other words always opts out, in every state", () => {
    const filler = fc.constantFrom("plan", "yes", "hello", "please", "now", "the", "help", "new");
    fc.assert(
      fc.property(
        fc.array(filler),
        fc.array(filler),
        fc.constantFrom("stop", "END", "Quit", "revoke"),
        fc.boolean(),
        (a, b, stop, startFirst) => {
          const text = [...a, stop, ...b].join(" ");
          expect(matchKeyword(text, { startFirst }).family).toBe("opt_out");
        },
      ),
    );
  });
});
