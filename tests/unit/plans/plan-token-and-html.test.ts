import { describe, expect, it } from "vitest";
import { html } from "../../../app/plans/html";
import { formatInstant, productLink } from "../../../app/plans/plan-page";
import { createPlanToken, hashPlanToken, isPlanTokenShape } from "../../../app/plans/plan-token";

describe("plan tokens", () => {
  it("when tokens are created, then each is 22 base64url characters (128 bits) and they differ", () => {
    const tokens = new Set(Array.from({ length: 200 }, createPlanToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(isPlanTokenShape(t)).toBe(true);
      expect(Buffer.from(t, "base64url")).toHaveLength(16);
    }
  });

  it("when a token is hashed, then the hash is its hex SHA-256", () => {
    expect(hashPlanToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashPlanToken("AAAAAAAAAAAAAAAAAAAAAA")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPlanToken("AAAAAAAAAAAAAAAAAAAAAA")).not.toBe(hashPlanToken("AAAAAAAAAAAAAAAAAAAAAB"));
  });

  it.each(["short", "AAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAA", "../../AAAAAAAAAAAAAAAAA"])(
    "when the token is %j, then it is not a token",
    (t) => {
      expect(isPlanTokenShape(t)).toBe(false);
    },
  );
});

describe("html template tag", () => {
  it("when values are interpolated, then strings are escaped and nested templates are not escaped twice", () => {
    const name = `<b onclick="x">Tom & 'Jerry'</b>`;
    const out = html`<p>${name}</p>${[html`<i>${"<"}</i>`, ">"]}${null}${false}${3}`;
    expect(out.value).toBe("<p>&lt;b onclick=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;</p><i>&lt;</i>&gt;3");
  });

  it.each([
    ["/product/kale", '<a href="https://farmtopeople.com/product/kale" rel="noreferrer">Kale</a>'],
    ["javascript:alert(1)", "Kale"],
    ["https://evil.example/product/kale", "Kale"],
    ['/product/kale" onmouseover="x', "Kale"],
    [null, "Kale"],
  ])("when the cart url is %j, then the product renders as %j", (url, expected) => {
    expect(productLink("Kale", url).value).toBe(expected);
  });

  it("when an instant is formatted, then it reads in New York time", () => {
    expect(formatInstant("2026-09-16T15:59:00.000Z")).toBe("Wed Sep 16, 11:59 AM ET");
  });
});
