// Fixture accounts and carts of the replica, with the Cart each must produce (ftp-site.md §11). The golden
// items and boxes are written out literally; the replica renders them the way the real site displays them.
import type { Box, BoxAlternative, BoxItem, Cart, CartItem } from "../../../app/scraper/cart-schema";

/** A customize card's group header, for boxes such as The Cook's Box ("Mix and match … from Proteins"). */
export interface FixtureBoxItem extends BoxItem {
  section?: string;
}
export interface FixtureAlternative extends BoxAlternative {
  section?: string;
}

export interface FixtureBox extends Omit<Box, "selected" | "alternatives"> {
  selected: FixtureBoxItem[];
  alternatives: FixtureAlternative[];
}

export interface FixtureCart {
  items: CartItem[];
  boxes: FixtureBox[];
}

export interface AccountBehaviour {
  /** Cut-off passed: header, tab and footer show next week, boxes lose CUSTOMIZE. */
  locked?: boolean;
  /** "shown" (date and window), "date-only", or "none" (no bar, no date tab). @default "shown" */
  deliveryWindow?: "shown" | "date-only" | "none";
  /** The login seems to pass but no session is kept: the cart button opens the zip-code drawer. */
  keepLogin?: boolean;
  /** Producer lines doubled in the DOM: "items" (as the real site usually does), "all" (boxes too), "none". @default "items" */
  doubledText?: "items" | "all" | "none";
  /** Customize panel opens empty with a spinner and fills this much later (selected cards). @default 0 */
  panelFillDelayMs?: number;
  /** Alternatives arrive this long after the selected cards. @default 0 */
  panelAlternativesDelayMs?: number;
  /** The previous box's panel ignores CLOSE and stays this long after the next CUSTOMIZE. @default 0 (closes at once) */
  stalePanelMs?: number;
}

export interface ReplicaAccount {
  email: string;
  /** null: a passwordless account, the site answers "Check your email". */
  password: string | null;
  firstName: string;
  lastName: string;
  phone: string;
  address: string;
  cart: FixtureCart;
  behaviour?: AccountBehaviour;
}

const eggs: CartItem = {
  name: "Pasture Raised Eggs",
  producer: "Finger Lakes Farms",
  unit: "1 dozen",
  quantity: 1,
  priceCents: 749,
  url: "/product/pasture-raised-eggs",
};
const chicken: CartItem = {
  name: "Boneless Skinless Chicken Breast",
  producer: "Sullivan County Farms",
  unit: ".7-1lb",
  quantity: 1,
  priceCents: 1299,
  url: "/product/boneless-skinless-chicken-breast",
};
const steelhead: CartItem = {
  name: "Steelhead Trout Fillet",
  producer: "Blue Moon Fish",
  unit: ".4-.5 lbs",
  quantity: 2,
  priceCents: 1450,
  url: "/product/steelhead-trout-fillet",
};
const lemons: CartItem = {
  name: "Organic Lemons",
  producer: "Sunny Harvest",
  unit: "2 pieces",
  quantity: 2,
  priceCents: 199,
  url: "/product/organic-lemons",
};
const avocados: CartItem = {
  name: "Organic & Fair Trade Hass Avocados",
  producer: "Equal Exchange Fairly Traded",
  unit: "1 piece",
  quantity: 5,
  priceCents: 800,
  url: "/product/organic-fair-trade-hass-avocados",
};

const fruitMedley: FixtureBox = {
  name: "Seasonal Fruit Medley",
  priceCents: 1095,
  customizable: false,
  selected: [
    { name: "Prune Plums", producer: null, unit: "1.0 Lbs", quantity: 1 },
    { name: "Sugar Cube Cantaloupe", producer: null, unit: "1 piece", quantity: 2 },
  ],
  alternatives: [],
};

const produceBoxSmall: FixtureBox = {
  name: "Seasonal Produce Box - Small",
  priceCents: 2500,
  customizable: true,
  selected: [
    { name: "Organic Red Kale", producer: "Pedersen Farms", unit: "1 bunch", quantity: 1 },
    { name: "Sweet Corn", producer: "Rising C Ranches", unit: "5-7 pieces", quantity: 1 },
    { name: "Heirloom Tomatoes", producer: "Dagele Brothers Produce", unit: "1.0 Lbs", quantity: 2 },
    { name: "Gala Apples", producer: "Fishkill Farms", unit: "2 Lbs", quantity: 1 },
    { name: "Green Beans", producer: "Pedersen Farms", unit: "12 oz", quantity: 1 },
    { name: "Cremini Mushrooms", producer: "Madura Farms", unit: "8.0 oz", quantity: 1 },
    { name: "Sugar Snap Peas", producer: "Rising C Ranches", unit: "8.0 Ounce", quantity: 1 },
  ],
  alternatives: [
    { name: "Red Onions", producer: "Dagele Brothers Produce", unit: "2 Lbs" },
    { name: "Rainbow Carrots", producer: "Pedersen Farms", unit: "1 bunch" },
    { name: "Bartlett Pears", producer: "Fishkill Farms", unit: "1.0 Lbs" },
    { name: "Shishito Peppers", producer: "Rising C Ranches", unit: "6 .5 oz" },
    { name: "Baby Spinach", producer: "Satur Farms", unit: "5 oz" },
    { name: "Blueberries", producer: "Sunny Harvest", unit: "1.0 Pint" },
    { name: "Garlic", producer: "Sunny Harvest", unit: "1 head" },
  ],
};

const cooksBoxPaleo: FixtureBox = {
  name: "The Cook's Box - Paleo",
  priceCents: 7900,
  customizable: true,
  selected: [
    { name: "Grass Fed Ground Beef", producer: "Grazin' Angus Acres", unit: "1.0 Lbs", quantity: 2, section: "Proteins" },
    { name: "Pasture Raised Chicken Thighs", producer: "Sullivan County Farms", unit: ".7-1lb", quantity: 1, section: "Proteins" },
    { name: "Organic Red Kale", producer: "Pedersen Farms", unit: "1 bunch", quantity: 1, section: "Produce" },
    { name: "Sweet Potatoes", producer: "Dagele Brothers Produce", unit: "2 Lbs", quantity: 1, section: "Produce" },
    { name: "Zucchini", producer: "Rising C Ranches", unit: "1.0 Lbs", quantity: 1, section: "Produce" },
    { name: "Yellow Onions", producer: "Dagele Brothers Produce", unit: "2 Lbs", quantity: 1, section: "Produce" },
    { name: "Broccoli", producer: "Satur Farms", unit: "1 bunch", quantity: 1, section: "Produce" },
    { name: "Cauliflower", producer: "Satur Farms", unit: "1 head", quantity: 1, section: "Produce" },
    { name: "Garlic", producer: "Sunny Harvest", unit: "1 head", quantity: 1, section: "Produce" },
    { name: "Lacinato Kale", producer: "Pedersen Farms", unit: "1 bunch", quantity: 1, section: "Produce" },
    { name: "Butternut Squash", producer: "Fishkill Farms", unit: "1 piece", quantity: 1, section: "Produce" },
  ],
  alternatives: [
    { name: "Wild Salmon Fillet", producer: "Blue Moon Fish", unit: ".4-.5 lbs", section: "Proteins" },
    { name: "Pork Chops", producer: "Flying Pigs Farm", unit: "1.0 Lbs", section: "Proteins" },
    { name: "Pasture Raised Eggs", producer: "Finger Lakes Farms", unit: "1 dozen", section: "Proteins" },
    { name: "Rainbow Carrots", producer: "Pedersen Farms", unit: "1 bunch", section: "Produce" },
    { name: "Red Onions", producer: "Dagele Brothers Produce", unit: "2 Lbs", section: "Produce" },
    { name: "Baby Spinach", producer: "Satur Farms", unit: "5 oz", section: "Produce" },
    { name: "Cremini Mushrooms", producer: "Madura Farms", unit: "8.0 oz", section: "Produce" },
    { name: "Green Beans", producer: "Pedersen Farms", unit: "12 oz", section: "Produce" },
  ],
};

const NORMAL_CART: FixtureCart = { items: [eggs, chicken, steelhead, lemons, avocados], boxes: [fruitMedley, produceBoxSmall] };

const UNITS_CART: FixtureCart = {
  items: [
    {
      name: "Grass Fed Ground Beef",
      producer: "Grazin' Angus Acres",
      unit: "1.0 Lbs",
      quantity: 1,
      priceCents: 1099,
      url: "/product/grass-fed-ground-beef",
    },
    { name: "Goat Cheese", producer: "Lynnhaven", unit: "8.0 oz", quantity: 1, priceCents: 899, url: "/product/goat-cheese" },
    { name: "Greek Yogurt", producer: "Ronnybrook Farm", unit: "8.0 Ounce", quantity: 1, priceCents: 449, url: "/product/greek-yogurt" },
    { name: "Smoked Almonds", producer: null, unit: "6 .5 oz", quantity: 1, priceCents: 699, url: "/product/smoked-almonds" },
    {
      name: "Chicken Breast",
      producer: "Sullivan County Farms",
      unit: ".7-1lb",
      quantity: 1,
      priceCents: 1299,
      url: "/product/chicken-breast",
    },
    { name: "Swiss Chard", producer: "Pedersen Farms", unit: "1 bunch", quantity: 1, priceCents: 349, url: "/product/swiss-chard" },
    { name: "Strawberries", producer: "Sunny Harvest", unit: "1.0 Pint", quantity: 1, priceCents: 599, url: "/product/strawberries" },
    { name: "Sourdough Boule", producer: "Bread Alone", unit: "Each", quantity: 1, priceCents: 750, url: "/product/sourdough-boule" },
    { name: "Sweet Corn", producer: "Rising C Ranches", unit: "5-7 pieces", quantity: 1, priceCents: 500, url: "/product/sweet-corn" },
  ],
  boxes: [],
};

const TEST_PASSWORD = "correct horse battery staple";

function account(
  local: string,
  firstName: string,
  cart: FixtureCart,
  behaviour: AccountBehaviour = {},
  password: string | null = TEST_PASSWORD,
): ReplicaAccount {
  return {
    email: `${local}@example.com`,
    password,
    firstName,
    lastName: "Rivera",
    phone: "(718) 555-0142",
    address: "42 Orchard Street, Apt 3, Brooklyn, NY 11211",
    cart,
    behaviour,
  };
}

/** Every fixture account by scenario name (ftp-site.md §11.1). The scenario is chosen by the account logged in. */
export const ACCOUNTS = {
  normal: account("normal", "Alex", NORMAL_CART),
  cooksBox: account("cooks-box", "Blair", { items: [eggs], boxes: [produceBoxSmall, cooksBoxPaleo] }),
  empty: account("empty", "Casey", { items: [], boxes: [] }),
  locked: account("locked", "Dana", NORMAL_CART, { locked: true }),
  noWindow: account("no-window", "Eli", NORMAL_CART, { deliveryWindow: "none" }),
  dateOnly: account("date-only", "Finn", { items: [lemons], boxes: [] }, { deliveryWindow: "date-only" }),
  magicLink: account("magic-link", "Gale", NORMAL_CART, {}, null),
  zipGate: account("zip-gate", "Harper", NORMAL_CART, { keepLogin: false }),
  latePanel: account("late-panel", "Indy", NORMAL_CART, { panelFillDelayMs: 3000, panelAlternativesDelayMs: 1000 }),
  stalePanel: account(
    "stale-panel",
    "Jules",
    { items: [], boxes: [produceBoxSmall, cooksBoxPaleo] },
    { stalePanelMs: 500, panelFillDelayMs: 300 },
  ),
  priceAmbiguity: account("price-ambiguity", "Kai", { items: [avocados, lemons], boxes: [] }),
  doubledProducer: account(
    "doubled-producer",
    "Lee",
    { items: [lemons, eggs], boxes: [fruitMedley, produceBoxSmall] },
    { doubledText: "all" },
  ),
  units: account("units", "Morgan", UNITS_CART),
  demo: account("demo", "Alex", NORMAL_CART, {}, "demo-password"),
} satisfies Record<string, ReplicaAccount>;

export type AccountName = keyof typeof ACCOUNTS;

/** The Cart the scraper must print for an account (minus `scrapedAt` and `delivery`, which follow the clock). */
export function goldenCartBody(account: ReplicaAccount): Pick<Cart, "items" | "boxes"> {
  const locked = account.behaviour?.locked === true;
  return {
    items: account.cart.items.map((item) => ({ ...item })),
    boxes: account.cart.boxes.map((box) => (locked && box.customizable ? lockedView(box) : plainBox(box))),
  };
}

function plainBox(box: FixtureBox): Box {
  return {
    name: box.name,
    priceCents: box.priceCents,
    customizable: box.customizable,
    selected: box.selected.map(({ section: _s, ...item }) => item),
    alternatives: box.alternatives.map(({ section: _s, ...item }) => item),
  };
}

/** After the cut-off a customizable box reads as fixed: contents from its sub-product list, which has no producers. */
function lockedView(box: FixtureBox): Box {
  return {
    name: box.name,
    priceCents: box.priceCents,
    customizable: false,
    selected: box.selected.map((item) => ({ name: item.name, producer: null, unit: item.unit, quantity: item.quantity })),
    alternatives: [],
  };
}
