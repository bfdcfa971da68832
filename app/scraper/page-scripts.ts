// Code that runs inside the page: one evaluation reads a whole state snapshot or a whole cart, so each poll
// is one round trip. Kept as plain-JS source because functions passed through tsx or vitest carry compiler
// helpers (`__name`) that do not exist in the page.
import type { ExtractedCard, ExtractedLine } from "./cart-parse";
import type { PageState, PanelState } from "./page-outcome";
import { SELECTORS, TEXT_MARKERS } from "./selectors";

const HELPERS = `
  var S = ${JSON.stringify(SELECTORS)};
  var T = ${JSON.stringify(TEXT_MARKERS)};
  function rx(name, flags) { return new RegExp(T[name], flags === undefined ? "i" : flags); }
  function all(root, name) {
    var list = S[name];
    for (var i = 0; i < list.length; i++) {
      var found = root.querySelectorAll(list[i]);
      if (found.length > 0) return Array.prototype.slice.call(found);
    }
    return [];
  }
  function one(root, name) { return all(root, name)[0] || null; }
  function visible(el) {
    if (!el || !el.isConnected) return false;
    if (typeof el.checkVisibility === "function") return el.checkVisibility();
    return el.getClientRects().length > 0;
  }
  function anyVisible(root, name) { return all(root, name).some(visible); }
  function text(el) { return el ? (el.textContent || "") : null; }
  function bodyText() { return document.body ? (document.body.innerText || document.body.textContent || "") : ""; }
  function path(href) {
    if (!href) return null;
    try { var u = new URL(href, location.href); return u.pathname; } catch (e) { return null; }
  }
`;

function script(body: string): string {
  return `(() => { ${HELPERS} ${body} })()`;
}

/** Reads a PageState. */
export const READ_PAGE_STATE = script(`
  var body = bodyText();
  var forms = Array.prototype.slice.call(document.querySelectorAll("form"));
  var loginForm = forms.find(function (f) { return one(f, "emailInput") !== null; }) || null;
  var alertRoot = loginForm || document;
  var loggedIn = anyVisible(document, "loggedIn") || rx("shoppingFor").test(body);
  return {
    emailInput: anyVisible(document, "emailInput"),
    passwordInput: anyVisible(document, "passwordInput"),
    loginAlert: all(alertRoot, "loginAlert").some(function (a) { return visible(a) && (a.textContent || "").trim() !== ""; }),
    checkEmail: rx("checkEmail").test(body),
    loggedIn: loggedIn,
    onLoginUrl: /login/i.test(location.pathname),
    header: document.querySelector("header") !== null,
    maintenance: rx("maintenance").test(body),
    zipDrawer: anyVisible(document, "zipDrawer"),
    lineItems: all(document, "lineItem").length,
    emptyCart: rx("emptyCart").test(body),
  };
`);

export type ReadPageStateResult = PageState;

/** Everything the Cart needs from the open drawer or /cart page, as raw text. */
export const EXTRACT_CART = script(`
  var body = bodyText();
  var deliveryText = null;
  var shopping = Array.prototype.slice.call(document.querySelectorAll("header *, header")).filter(function (el) {
    return rx("shoppingFor").test(el.textContent || "");
  });
  if (shopping.length > 0) {
    var deepest = shopping[shopping.length - 1];
    deliveryText = (deepest.textContent || "").replace(rx("shoppingFor"), "").trim() || null;
  }
  var content = one(document, "cartContent") || document;
  if (deliveryText === null) {
    var tabs = Array.prototype.slice.call(content.querySelectorAll("button, [role=tab]"));
    for (var i = 0; i < tabs.length; i++) {
      var m = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\\s+[A-Z][a-z]{2}[a-z]*\\.?\\s+\\d{1,2}/.exec((tabs[i].textContent || "").trim());
      if (m) { deliveryText = m[0]; break; }
    }
  }
  var cutoff = rx("cutoff").exec(content.textContent || "");
  var lines = all(document, "lineItem").map(function (article) {
    var link = one(article, "productLink");
    var producerEl = one(article, "itemProducer");
    var priceEl = all(article, "itemPrice").find(function (p) { return /\\$\\s*\\d/.test(p.textContent || ""); }) || null;
    var plain = Array.prototype.slice.call(article.querySelectorAll("p")).filter(function (p) {
      return p !== producerEl && p !== priceEl && !/^\\s*-?\\$\\s*\\d/.test(p.textContent || "") && (p.textContent || "").trim() !== "";
    });
    var producer = producerEl;
    if (producer === null && plain.length >= 2) producer = plain.shift();
    var unit = plain.length > 0 ? plain[0] : null;
    var select = one(article, "quantitySelect");
    var option = select && select.selectedOptions && select.selectedOptions[0];
    var customize = Array.prototype.slice.call(article.querySelectorAll("button")).some(function (b) {
      return rx("customizeButton").test(b.textContent || "");
    });
    var next = article.nextElementSibling;
    var subproducts = null;
    if (next && S.subproducts.some(function (s) { return next.matches(s); })) {
      subproducts = Array.prototype.slice.call(next.querySelectorAll("li")).map(function (li) {
        var name = one(li, "subproductName");
        var unitP = li.querySelector("p");
        return { name: text(name) || "", unit: text(unitP) };
      });
    }
    return {
      name: text(link),
      href: link ? path(link.getAttribute("href")) : null,
      producer: text(producer),
      unit: text(unit),
      price: text(priceEl),
      quantity: option ? option.textContent : (select ? select.value : null),
      customizable: customize,
      subproducts: subproducts,
    };
  });
  return { deliveryText: deliveryText, cutoffText: cutoff ? cutoff[0] : null, lines: lines };
`);

export interface ExtractCartResult {
  deliveryText: string | null;
  cutoffText: string | null;
  lines: ExtractedLine[];
}

/** Reads the customize aside of one box; `boxName` must match its aria-label exactly (`Customize <name>`). */
export function readPanelScript(boxName: string, withCards: boolean): string {
  return script(`
    var wanted = ${JSON.stringify(`Customize ${boxName}`)}.replace(/\\s+/g, " ").trim();
    var aside = Array.prototype.slice.call(document.querySelectorAll("aside[aria-label]")).find(function (a) {
      return (a.getAttribute("aria-label") || "").replace(/\\s+/g, " ").trim() === wanted;
    }) || null;
    if (!aside) return { present: false, cards: 0, footerSelected: false, busy: false, data: null };
    var cards = all(aside, "panelCard");
    var state = {
      present: true,
      cards: cards.length,
      footerSelected: rx("itemsSelected").test(aside.textContent || ""),
      busy: all(aside, "spinner").some(visible),
      data: null,
    };
    if (${withCards ? "true" : "false"}) {
      state.data = cards.map(function (card) {
        var stepper = one(card, "stepper");
        var add = Array.prototype.slice.call(card.querySelectorAll("button")).some(function (b) { return rx("addButton").test(b.textContent || ""); });
        var quantity = stepper ? one(stepper, "stepperQuantity") : null;
        return {
          name: card.getAttribute("aria-label") || "",
          producer: text(one(card, "cardProducer")),
          unit: text(one(card, "cardUnit")),
          kind: stepper ? "selected" : add ? "alternative" : "unknown",
          quantity: text(quantity),
        };
      });
    }
    return state;
  `);
}

export interface ReadPanelResult extends PanelState {
  data: ExtractedCard[] | null;
}

/**
 * Masks personal data in the page before a failure snapshot: input values cleared, the greeting and account area
 * replaced, and every text or attribute holding a given personal string, an email address or a phone number.
 */
export function redactPageScript(personal: string[]): string {
  return script(`
    var personal = ${JSON.stringify(personal.filter((p) => p.length >= 3))};
    var R = "[redacted]";
    function esc(s) { return s.replace(/[.*+?^\${}()|[\\]\\\\]/g, "\\\\$&"); }
    var patterns = personal.map(function (p) { return new RegExp(esc(p), "gi"); });
    patterns.push(/[A-Z0-9._%+-]+@[A-Z0-9.-]+\\.[A-Z]{2,}/gi);
    patterns.push(/\\+?\\d[\\d\\s().-]{8,}\\d/g);
    patterns.push(/\\bHi\\s+[^!<]{1,40}!/g);
    function scrub(value) {
      var out = value;
      for (var i = 0; i < patterns.length; i++) out = out.replace(patterns[i], R);
      return out;
    }
    Array.prototype.forEach.call(document.querySelectorAll("input, textarea"), function (el) {
      el.value = "";
      el.removeAttribute("value");
    });
    Array.prototype.forEach.call(document.querySelectorAll('.account-button, a[href="/account"], [class*="address"]'), function (el) {
      el.textContent = R;
    });
    var walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var scrubbed = scrub(node.nodeValue || "");
      if (scrubbed !== node.nodeValue) node.nodeValue = scrubbed;
    }
    Array.prototype.forEach.call(document.querySelectorAll("*"), function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (attr) {
        var scrubbed = scrub(attr.value);
        if (scrubbed !== attr.value) el.setAttribute(attr.name, scrubbed);
      });
    });
    return true;
  `);
}
