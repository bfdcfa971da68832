// Every selector and text marker the scraper relies on, in order of preference (ftp-site.md §3-§7, §10). Classes
// are matched by CSS-module prefix, tag-qualified and never with a hash; a fallback is tried only when the one
// before it matches nothing. docs/scraper.md lists them; the canary checks the public ones.

export const SELECTORS = {
  /** Only this exact placeholder is the login field: the newsletter has its own email input. */
  emailInput: ['input[placeholder="Enter email address"]'],
  passwordInput: ['input[type="password"]'],
  loginAlert: ['[role="alert"]'],
  loggedIn: ['a[href="/account"]', ".account-button"],
  /** The header's cart button; a hidden twin sits in the mobile menu dialog. */
  cartButton: ["div.cart-button"],
  cartContent: ['[class*="cart_cartContent"]', "#cart aside"],
  /** Tag-qualified: `cartOrderItem` is also the prefix of `cartOrderItemQuantity`. */
  lineItem: ['article[class*="cart-order_cartOrderItem"]', 'article[class*="_cartOrderItem__"]'],
  subproducts: ['ul[class*="cart-order-line-item-subproducts"]', 'ul[class*="line-item-subproducts"]'],
  subproductName: ['a[class*="subproduct-name"]', "a"],
  productLink: ['a.bold[href*="/product/"]', 'a[href*="/product/"]'],
  itemProducer: ['p[class*="producer"]', ".producer"],
  itemPrice: ["p.font-medium", 'p[class*="price"]'],
  quantitySelect: ['select[class*="cartOrderItemQuantity"]', "select"],
  zipDrawer: ['[aria-label="Enter Your Zip Code"]'],
  panelCard: ["article[aria-label]"],
  stepper: ['div[class*="quantity-selector"]', '[class*="quantity-selector"]'],
  stepperQuantity: ['span[class*="quantity"]'],
  cardProducer: ['p[class*="producer"] a', 'p[class*="producer"]'],
  cardUnit: ['div[class*="item-details"] p'],
  spinner: ['[class*="spinner"]', '[aria-busy="true"]'],
  catalogTile: ['article[class*="product-tile_product-tile"]'],
  catalogPrice: ['[aria-label="unit price"]'],
  catalogUnit: ["p.weight"],
} as const;

export type SelectorName = keyof typeof SELECTORS;

/** Texts matched case-insensitively (the site upper-cases buttons with CSS). Sources of truth for the page scripts. */
export const TEXT_MARKERS = {
  shoppingFor: "^\\s*Shopping for:\\s*",
  checkEmail: "check your email",
  emptyCart: "your cart is empty",
  maintenance: "maintenance|be right back",
  customizeButton: "^\\s*customize\\s*$",
  addButton: "^\\s*add\\s*$",
  itemsSelected: "\\d+\\s+(?:of\\s+\\d+\\s+)?items?\\s+selected",
  cutoff: "Skip or edit by[^.]*\\d{1,2}:\\d{2}\\s*[AP]M\\.?",
  logIn: "^\\s*log\\s*in\\s*$",
  zipDrawer: "Enter Your Zip Code",
} as const;
