import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countSegments, isGsm7, sanitiseForGsm7, septetLength } from "../../../app/sms/segments";

const GSM_BASIC_SAMPLE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?'\"-:;()@$%&*+/<>=";

describe("GSM-7 detection and counting", () => {
  it.each([
    ["plain ascii", "Text PLAN to start", true],
    ["GSM accented letters", "café à l'école ñ ü", true],
    ["curly apostrophe", "don\u2019t", false],
    ["emoji", "plan \u{1F600}", false],
    ["2-septet characters", "{[~]}|\\^€", true],
  ])("when the text has %s, then isGsm7 is %s", (_label, text, expected) => {
    expect(isGsm7(text)).toBe(expected);
  });

  it("when a text has the 2-septet characters, then each costs two septets", () => {
    expect(septetLength("a{b}€")).toBe(8);
  });

  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
  ])("when a GSM-7 text is %i septets, then it takes %i segments", (n, segments) => {
    expect(countSegments("a".repeat(n))).toEqual({ encoding: "gsm7", units: n, segments });
  });

  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
  ])("when a UCS-2 text is %i code units, then it takes %i segments", (n, segments) => {
    expect(countSegments("\u00e7".repeat(n - 1) + "\u2019")).toMatchObject({ encoding: "ucs2", units: n, segments });
  });

  it("when one emoji joins a 600-character text, then it jumps from 4 to 9 segments (UCS-2)", () => {
    const text = "a".repeat(600);
    expect(countSegments(text).segments).toBe(4);
    expect(countSegments(`${text}\u{1F600}`).segments).toBe(9);
  });

  it("when an escape pair would straddle a part boundary, then it moves whole to the next part", () => {
    // 152 septets then "{" (2) fills part one to 152 and starts part two; 153 + 1 more gives 2 parts, not 1 part of 154.
    const text = `${"a".repeat(152)}{${"a".repeat(7)}`;
    expect(countSegments(text)).toEqual({ encoding: "gsm7", units: 161, segments: 2 });
    expect(countSegments(`${"a".repeat(152)}{${"a".repeat(152)}`).segments).toBe(3);
  });

  it("property: a GSM-7 text of single-septet characters takes 1 segment up to 160, else ceil(n/153)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...GSM_BASIC_SAMPLE), maxLength: 1200 }), (text) => {
        const n = text.length;
        expect(countSegments(text)).toEqual({ encoding: "gsm7", units: n, segments: n <= 160 ? 1 : Math.ceil(n / 153) });
      }),
    );
  });

  it("property: the segments always hold the text (153 septets per part, 160 for one)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab{€~ ."), maxLength: 800 }), (text) => {
        const { units, segments } = countSegments(text);
        expect(segments === 1 ? units <= 160 : units <= segments * 153).toBe(true);
        expect(segments === 1 || units > 160).toBe(true);
      }),
    );
  });
});

describe("sanitiseForGsm7", () => {
  it.each([
    ["curly quotes", "\u201cChef\u2019s\u201d", '"Chef\'s"'],
    ["dashes", "Salmon \u2013 greens \u2014 rice", "Salmon - greens - rice"],
    ["ellipsis", "and more\u2026", "and more..."],
    ["accents outside GSM-7", "Crème brûlée, jalapeño, açaí", "Crème brulée, jalapeño, acai"],
    ["2-septet characters", "[a] {b} x|y ~z 5€", "(a) (b) x/y -z 5EUR"],
    ["emoji", "Tacos \u{1F32E} night", "Tacos  night"],
  ])("when the inserted text has %s, then they are made GSM-7", (_label, input, expected) => {
    expect(sanitiseForGsm7(input)).toBe(expected);
  });

  it("property: the result is GSM-7 with one septet per character, and sanitising twice changes nothing", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const once = sanitiseForGsm7(text);
        expect(isGsm7(once)).toBe(true);
        expect(septetLength(once)).toBe([...once].length);
        expect(sanitiseForGsm7(once)).toBe(once);
      }),
    );
  });
});
