import { describe, expect, it } from "vitest";
import { html } from "../../../app/plans/html";
import { formatInstant, productLink } from "../../../app/plans/plan-page";

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
