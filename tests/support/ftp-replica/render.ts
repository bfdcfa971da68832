// HTML of the replica's pages and fragments, in the markup ftp-site.md §3-§8 describes (texts and global classes
// as seen on the real site; wrappers and module names as the spec's replica convention).
import type { ClassNamer } from "./class-names";
import { deliveryDay } from "./delivery-calendar";
import type { FixtureBox, ReplicaAccount } from "./fixtures";

export interface RenderContext {
  cls: ClassNamer;
  buildId: string;
  now: Date;
  /** The account whose header is shown (logged in, or the zip-gate's fake login), else null. */
  viewer: ReplicaAccount | null;
  hideCartButton: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function money(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

function slugOf(url: string): string {
  return url.replace(/^\/product\//, "");
}

/** The document every page starts as: an empty root filled by the app script (a client-rendered site). */
export function shellDocument(ctx: Pick<RenderContext, "buildId">, title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | Farm to People</title>
<link rel="stylesheet" href="/_next/static/${ctx.buildId}/app.css">
<script src="/_next/static/${ctx.buildId}/app.js" defer></script></head>
<body><div id="__next"><div class="layout_loading">Loading…</div></div></body></html>`;
}

export function maintenanceDocument(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Farm to People</title></head>
<body style="font-family:sans-serif;text-align:center;padding:4em"><h1>We'll be right back</h1>
<p>Farm to People is down for scheduled maintenance. Please check back soon.</p></body></html>`;
}

export function header(ctx: RenderContext): string {
  const { cls, viewer } = ctx;
  const account = viewer;
  const shown = account?.behaviour?.deliveryWindow ?? "shown";
  const day = account ? deliveryDay(ctx.now, account.behaviour?.locked === true) : null;
  const topBar =
    account && day && shown !== "none"
      ? `<div class="${cls("header", "topBar")}">Shopping for: <button class="${cls("header", "delivery")}">${escapeHtml(shown === "shown" ? day.windowText : day.dayText)}</button></div>`
      : "";
  const count = account ? account.cart.items.length + account.cart.boxes.length : 0;
  const hidden = ctx.hideCartButton ? ' style="display:none"' : "";
  const who = account
    ? `<div class="account-button"><a href="/account">Hi ${escapeHtml(account.firstName)}!</a></div>`
    : `<a href="/login" class="${cls("header", "login")}">Log in</a>`;
  return `<header class="${cls("header", "header")}">${topBar}
<nav class="${cls("header", "nav")}"><a href="/home">Farm to People</a> <a href="/shop/produce">Produce</a> <a href="/shop/meat-seafood">Meat &amp; Seafood</a> <a href="/shop/dairy-eggs">Dairy &amp; Eggs</a> <a href="/shop/pantry">Pantry</a></nav>
${who}
<div class="cart-button ml-auto cursor-pointer" role="button" aria-label="Cart"${hidden}><span class="${cls("header", "count")}">${count}</span></div>
<div role="dialog" class="${cls("header", "mobileMenu")}" hidden><div class="cart-button ml-auto cursor-pointer"></div></div>
</header>`;
}

export function loginForm(ctx: RenderContext): string {
  return `<section class="${cls(ctx, "login", "page")}"><h1>Log in</h1>
<form class="${cls(ctx, "login", "form")}" novalidate>
<input type="email" name="email" placeholder="Enter email address" autocomplete="username">
<button type="submit" class="${cls(ctx, "button", "button")}"><span>Log in</span></button>
</form></section>`;
}

function cls(ctx: RenderContext, module: string, local?: string): string {
  return ctx.cls(module, local);
}

export function newsletter(ctx: RenderContext): string {
  return `<footer class="${cls(ctx, "footer", "footer")}"><form class="${cls(ctx, "newsletter", "form")}"><p>Get seasonal recipes and farm news</p>
<input type="email" placeholder="Email address"><button type="button" class="${cls(ctx, "button", "button")}">SUBSCRIBE</button></form></footer>`;
}

export function homePage(ctx: RenderContext, loggedIn: boolean): string {
  const body = loggedIn
    ? `<main class="${cls(ctx, "home", "main")}"><h1>This week's harvest</h1><p>Fresh from farms near you.</p></main>`
    : `<main class="${cls(ctx, "home", "main")}"><h1>Farm to People</h1>${loginForm(ctx)}</main>`;
  return header(ctx) + body + newsletter(ctx);
}

export function loginPage(ctx: RenderContext): string {
  return header(ctx) + `<main class="${cls(ctx, "login", "main")}">${loginForm(ctx)}</main>` + newsletter(ctx);
}

export function accountPage(ctx: RenderContext, account: ReplicaAccount): string {
  return (
    header(ctx) +
    `<main class="${cls(ctx, "account", "main")}"><h1>Your account</h1><p>${escapeHtml(account.firstName)} ${escapeHtml(account.lastName)}</p>
<p>${escapeHtml(account.email)}</p><p>${escapeHtml(account.phone)}</p><p class="${cls(ctx, "account", "address")}">${escapeHtml(account.address)}</p></main>`
  );
}

export function productPage(ctx: RenderContext, slug: string): string {
  const name = slug
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
  return header(ctx) + `<main class="${cls(ctx, "product", "main")}"><h1>${escapeHtml(name)}</h1><button>ADD TO CART</button></main>`;
}

/** Cart contents shared by the drawer and the /cart page (ftp-site.md §6). */
export function cartContent(ctx: RenderContext, account: ReplicaAccount): string {
  const b = account.behaviour ?? {};
  const locked = b.locked === true;
  const day = deliveryDay(ctx.now, locked);
  const dateTab =
    (b.deliveryWindow ?? "shown") === "none"
      ? ""
      : `<button class="${cls(ctx, "cart", "tab")} ${cls(ctx, "cart", "active")}">${escapeHtml(day.dayText)} <a href="#" class="${cls(ctx, "cart", "reschedule")}">Reschedule</a></button>`;
  const tabs = `<div class="${cls(ctx, "cart", "tabs")}">${dateTab}<button class="${cls(ctx, "cart", "tab")}">My Orders</button></div>`;
  const address = `<p class="${cls(ctx, "cart", "address")}">Delivering to ${escapeHtml(account.firstName)} ${escapeHtml(account.lastName)}, ${escapeHtml(account.address)} · ${escapeHtml(account.phone)}</p>`;
  const { items, boxes } = account.cart;
  const lines = [
    ...items.map((item) =>
      itemArticle(ctx, {
        name: item.name,
        url: item.url ?? "/product/unknown",
        producer: item.producer,
        unit: item.unit,
        priceCents: item.priceCents,
        quantity: item.quantity,
        doubled: (b.doubledText ?? "items") !== "none",
      }),
    ),
    ...boxes.map((box) => boxArticle(ctx, box, !locked && box.customizable, b.doubledText === "all")),
  ].join("\n");
  const subtotal = items.reduce((sum, i) => sum + (i.priceCents ?? 0), 0) + boxes.reduce((sum, x) => sum + (x.priceCents ?? 0), 0);
  const empty = items.length + boxes.length === 0 ? `<p class="${cls(ctx, "cart", "empty")}">Your cart is empty</p>` : "";
  const summary = `<div class="${cls(ctx, "cart", "summary")}"><p>Subtotal <span>${money(subtotal)}</span></p><p>Delivery Fee <span>$0.00</span></p><p>Credit Applied <span>-$0.00</span></p></div>`;
  const footer = `<p class="${cls(ctx, "cart", "footer")}">No Checkout Required! You'll be automatically charged for items in your cart after the cutoff time. ${escapeHtml(day.cutoffText)}</p>`;
  return `<div class="${cls(ctx, "cart", "cartContent")}">${tabs}${address}${empty}${lines}${summary}${footer}</div>`;
}

export function cartDrawer(ctx: RenderContext, account: ReplicaAccount): string {
  return `<div id="cart"><aside class="${cls(ctx, "cart", "drawer")}" aria-label="Your cart"><button class="${cls(ctx, "cart", "close")}" aria-label="Close cart">×</button>${cartContent(ctx, account)}</aside></div>`;
}

export function cartPage(ctx: RenderContext, account: ReplicaAccount): string {
  return (
    header(ctx) + `<main class="${cls(ctx, "cart-page", "main")}"><h1>Your cart</h1>${cartContent(ctx, account)}</main>` + newsletter(ctx)
  );
}

export function zipDrawer(ctx: RenderContext): string {
  return `<aside role="dialog" aria-label="Enter Your Zip Code" class="${cls(ctx, "zip-gate", "drawer")}"><h2>Enter Your Zip Code</h2>
<form><input inputmode="numeric" placeholder="Zip code"> <input type="email" placeholder="Email"><button type="submit">START SHOPPING</button></form></aside>`;
}

function doubledSpans(text: string, doubled: boolean): string {
  const escaped = escapeHtml(text);
  // Adjacent spans, no whitespace between: textContent then reads "X" + "X" exactly as on the real site.
  return doubled ? `<span>${escaped}</span><span class="md:hidden">${escaped}</span>` : `<span>${escaped}</span>`;
}

interface ItemLine {
  name: string;
  url: string;
  producer: string | null;
  unit: string | null;
  priceCents: number | null;
  quantity: number;
  doubled: boolean;
}

function quantitySelect(ctx: RenderContext, quantity: number): string {
  const max = Math.max(quantity, 5);
  const options = Array.from({ length: max }, (_, i) => `<option${i + 1 === quantity ? " selected" : ""}>${i + 1}</option>`).join("");
  return `<select id="quantity" class="${cls(ctx, "cart-order", "cartOrderItemQuantity")}">${options}</select>`;
}

function itemArticle(ctx: RenderContext, line: ItemLine): string {
  const producer =
    line.producer === null ? "" : `<p class="${cls(ctx, "cart-order", "producer")}">${doubledSpans(line.producer, line.doubled)}</p>`;
  const unit = line.unit === null ? "" : `<p>${escapeHtml(line.unit)}</p>`;
  const price = line.priceCents === null ? "" : `<p class="text-right font-medium">${money(line.priceCents)}</p>`;
  return `<article class="${cls(ctx, "cart-order", "cartOrderItem")}">
<img src="/img/p/${escapeHtml(slugOf(line.url))}.jpg" alt=""> <span class="${cls(ctx, "cart-order", "badge")}" title="Subscription"></span>
<div class="${cls(ctx, "cart-order", "details")}"><a class="${cls(ctx, "web-link", "unstyled-link")} bold" href="${escapeHtml(line.url)}">${escapeHtml(line.name)}</a>${producer}${unit}</div>
<div class="${cls(ctx, "cart-order", "side")}">${price}${quantitySelect(ctx, line.quantity)}<a href="#" class="${cls(ctx, "cart-order", "remove")}">Remove</a></div>
</article>`;
}

export function boxSlug(box: Pick<FixtureBox, "name">): string {
  return box.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function boxArticle(ctx: RenderContext, box: FixtureBox, showCustomize: boolean, doubled: boolean): string {
  const slug = boxSlug(box);
  const customize = showCustomize
    ? `<button class="${cls(ctx, "button", "button")} ${cls(ctx, "button", "outline")}">CUSTOMIZE</button>`
    : "";
  const price = box.priceCents === null ? "" : `<p class="text-right font-medium">${money(box.priceCents)}</p>`;
  const subs = box.selected
    .map(
      (item) =>
        `<li class="${cls(ctx, "cart-order-line-item-subproduct")}"><a class="${cls(ctx, "subproduct-name")}" href="/product/${boxSlug(item)}">${item.quantity} ${escapeHtml(item.name)}</a>${item.unit === null ? "" : `<p>${escapeHtml(item.unit)}</p>`}</li>`,
    )
    .join("");
  return `<article class="${cls(ctx, "cart-order", "cartOrderItem")}">
<img src="/img/p/${slug}.jpg" alt="">
<div class="${cls(ctx, "cart-order", "details")}"><a class="${cls(ctx, "web-link", "unstyled-link")} bold" href="/product/${slug}">${escapeHtml(box.name)}</a>
<p class="${cls(ctx, "cart-order", "producer")}">${doubledSpans("Farm to People", doubled)}</p>
<button class="${cls(ctx, "cart-order", "toggle")}" aria-expanded="true">Hide items in ${escapeHtml(box.name)}</button></div>
<div class="${cls(ctx, "cart-order", "side")}">${price}${quantitySelect(ctx, 1)}${customize}<a href="#" class="${cls(ctx, "cart-order", "remove")}">Remove</a></div>
</article>
<ul class="${cls(ctx, "cart-order-line-item-subproducts")}">${subs}</ul>`;
}

/** The customize aside as it first appears: heading, an empty grid and a spinner (ftp-site.md §7). */
export function customizePanelShell(ctx: RenderContext, box: FixtureBox): string {
  return `<aside aria-label="Customize ${escapeHtml(box.name)}" class="${cls(ctx, "customize", "panel")}">
<header><h1>${escapeHtml(box.name)}</h1><button aria-label="Next">&rarr;</button></header>
<div class="${cls(ctx, "spinner", "spinner")}" aria-busy="true">Loading…</div>
<div class="${cls(ctx, "customize", "body")}"></div></aside>`;
}

interface Card {
  name: string;
  producer: string | null;
  unit: string | null;
  quantity: number | null;
  section?: string;
}

function card(ctx: RenderContext, item: Card): string {
  const slug = boxSlug(item);
  const control =
    item.quantity === null
      ? `<button class="${cls(ctx, "button", "button")}">ADD</button>`
      : `<div class="${cls(ctx, "quantity-selector", "root")}"><button aria-label="Decrease">&minus;</button><span class="${cls(ctx, "quantity-selector", "quantity")}">${item.quantity}</span><button aria-label="Increase">+</button></div>`;
  const producer =
    item.producer === null
      ? ""
      : `<p class="${cls(ctx, "customize-item", "producer")}"><a href="/farms/${boxSlug({ name: item.producer })}">${escapeHtml(item.producer)}</a></p>`;
  const unit = item.unit === null ? "" : `<div class="${cls(ctx, "customize-item", "item-details")}"><p>${escapeHtml(item.unit)}</p></div>`;
  return `<article aria-label="${escapeHtml(item.name)}" class="${cls(ctx, "customize-item", "card")}"><img src="/img/p/${slug}.jpg" alt="">${control}<p class="bold">${escapeHtml(item.name)}</p>${producer}${unit}</article>`;
}

function grid(ctx: RenderContext, cards: Card[]): string {
  const sections = [...new Set(cards.map((c) => c.section ?? ""))];
  return sections
    .map((section) => {
      const heading =
        section === ""
          ? ""
          : `<h3 class="${cls(ctx, "customize", "section")}">Mix and match up to 2 item(s) from ${escapeHtml(section)}</h3>`;
      return `${heading}<div class="${cls(ctx, "customize", "grid")}">${cards
        .filter((c) => (c.section ?? "") === section)
        .map((c) => card(ctx, c))
        .join("")}</div>`;
    })
    .join("");
}

export function selectedCards(ctx: RenderContext, box: FixtureBox): string {
  return grid(ctx, box.selected);
}

export function alternativeCards(ctx: RenderContext, box: FixtureBox): string {
  return grid(
    ctx,
    box.alternatives.map((a) => ({ ...a, quantity: null })),
  );
}

export function customizeFooter(ctx: RenderContext, box: FixtureBox): string {
  return `<footer class="${cls(ctx, "customize", "footer")}"><span>${box.selected.length} items selected</span><span>Price: ${money(box.priceCents ?? 0)}</span><button>CLOSE</button><button>SAVE</button></footer>`;
}

export interface CatalogTile {
  name: string;
  producer: string;
  unit: string;
  priceCents: number;
  soldOut: boolean;
}

export function catalogTile(ctx: RenderContext, tile: CatalogTile): string {
  const slug = boxSlug(tile);
  const soldOut = tile.soldOut ? `<span class="${cls(ctx, "product-tile", "sold-out")}">Sold out</span>` : "";
  return `<article class="${cls(ctx, "product-tile", "product-tile")}"><a href="/product/${slug}"><img src="/img/p/${slug}.jpg" alt=""></a>
<div class="${cls(ctx, "product-tile", "name-and-producer")}"><p class="${cls(ctx, "product-tile", "product-name")}">${escapeHtml(tile.name)}</p><p class="producer">${doubledSpans(tile.producer, true)}</p></div>
<p class="weight">${escapeHtml(tile.unit)}</p> <p aria-label="unit price">${money(tile.priceCents)}</p>${soldOut}</article>`;
}

export function catalogPage(ctx: RenderContext, category: string, firstTiles: CatalogTile[]): string {
  return (
    header(ctx) +
    `<main class="${cls(ctx, "shop", "main")}" data-category="${escapeHtml(category)}"><h1>${escapeHtml(category)}</h1><div class="${cls(ctx, "shop", "grid")}">${firstTiles
      .map((t) => catalogTile(ctx, t))
      .join("")}</div></main>` +
    newsletter(ctx)
  );
}
