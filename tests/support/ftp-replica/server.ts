// The replica of farmtopeople.com: an Express app serving the pages of ftp-site.md from fixture accounts, with
// site-wide modes (latency, outages, class-name variants) set at start or under /__replica/ (never used by the
// scraper). Each test starts its own on a free port, so modes never leak between tests.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import { type ClassVariant, classNamer } from "./class-names";
import { CLIENT_CSS, CLIENT_JS } from "./client-app";
import { ACCOUNTS, type FixtureBox, type ReplicaAccount } from "./fixtures";
import {
  accountPage,
  alternativeCards,
  boxSlug,
  type CatalogTile,
  cartDrawer,
  cartPage,
  catalogPage,
  catalogTile,
  customizeFooter,
  customizePanelShell,
  homePage,
  loginPage,
  maintenanceDocument,
  productPage,
  type RenderContext,
  selectedCards,
  shellDocument,
  zipDrawer,
} from "./render";

export interface LatencyMode {
  /** Delay added to every matching request. */
  ms: number;
  /** Extra random delay in [0, jitterMs). @default 0 */
  jitterMs?: number;
  /** Only paths matching this are delayed. @default every path */
  pathPattern?: RegExp;
}

export interface ReplicaModes {
  latency: LatencyMode | null;
  /** "maintenance-503": every page 503 with a maintenance page; "maintenance-200": the same page with status 200. */
  outage: "none" | "maintenance-503" | "maintenance-200";
  classVariant: ClassVariant;
  /** Hash suffixes derive from it; change it for a "rebuild". */
  buildId: string;
  hideCartButton: boolean;
  /** The pause while the site checks the email before showing the password step. */
  passwordStepDelayMs: number;
}

export const DEFAULT_MODES: ReplicaModes = {
  latency: null,
  outage: "none",
  classVariant: "standard",
  buildId: "b7c1e2",
  hideCartButton: false,
  passwordStepDelayMs: 150,
};

export interface ReplicaOptions extends Partial<ReplicaModes> {
  /** The replica's clock. @default real time */
  now?: () => Date;
  /** Accounts that can log in. @default every fixture account */
  accounts?: ReplicaAccount[];
  /** @default 0 (a free port) */
  port?: number;
  host?: string;
}

export interface MutationRecord {
  action: string;
  at: string;
}

export interface ReplicaStats {
  requests: number;
  /** Sum of the latency the replica injected (the benchmark's baseline). */
  injectedLatencyMs: number;
}

export interface ReplicaHandle {
  url: string;
  /** Changes site-wide modes of the running replica. */
  setModes(modes: Partial<ReplicaModes>): void;
  /** Attempts to change the cart (SAVE, ADD, stepper, Remove, quantity select, zip or newsletter form). */
  mutations(): MutationRecord[];
  stats(): ReplicaStats;
  resetStats(): void;
  close(): Promise<void>;
}

const SESSION_COOKIE = "ftp_session";
/** The zip-gate scenario's cookie: the header looks logged in, the cart does not know the user. */
const DISPLAY_COOKIE = "ftp_display";
const CATALOG_BATCH = 24;
const CATALOG_SIZE = 60;

interface ReplicaState {
  modes: ReplicaModes;
  now: () => Date;
  accounts: Map<string, ReplicaAccount>;
  sessions: Map<string, string>;
  displaySessions: Map<string, string>;
  mutations: MutationRecord[];
  stats: ReplicaStats;
}

export function createReplicaApp(options: ReplicaOptions = {}): { app: express.Express; state: ReplicaState } {
  const { now, accounts, port: _port, host: _host, ...modes } = options;
  const state: ReplicaState = {
    modes: { ...DEFAULT_MODES, ...modes },
    now: now ?? (() => new Date()),
    accounts: new Map((accounts ?? Object.values(ACCOUNTS)).map((a) => [a.email.toLowerCase(), a])),
    sessions: new Map(),
    displaySessions: new Map(),
    mutations: [],
    stats: { requests: 0, injectedLatencyMs: 0 },
  };
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use("/__replica", express.json(), controlRoutes(state));
  app.use((req, _res, next) => {
    state.stats.requests++;
    const latency = state.modes.latency;
    if (!latency || (latency.pathPattern && !latency.pathPattern.test(req.path))) return next();
    const delay = latency.ms + (latency.jitterMs ? Math.floor(Math.random() * latency.jitterMs) : 0);
    state.stats.injectedLatencyMs += delay;
    setTimeout(next, delay);
  });
  app.use((_req, res, next) => {
    res.setHeader("cache-control", "no-store");
    if (state.modes.outage === "none") return next();
    res
      .status(state.modes.outage === "maintenance-503" ? 503 : 200)
      .type("html")
      .send(maintenanceDocument());
  });
  app.use(express.json());

  const ctxFor = (req: Request): RenderContext => ({
    cls: classNamer(state.modes.buildId, state.modes.classVariant),
    buildId: state.modes.buildId,
    now: state.now(),
    viewer: viewerOf(state, req),
    hideCartButton: state.modes.hideCartButton,
  });

  app.get(`/_next/static/:build/app.js`, (_req, res) => {
    res.type("application/javascript").send(CLIENT_JS);
  });
  app.get(`/_next/static/:build/app.css`, (_req, res) => {
    res.type("text/css").send(CLIENT_CSS);
  });
  app.get("/img/*path", (_req, res) => {
    // A 1x1 transparent GIF: the scraper blocks images, a browser in the demo still gets a valid answer.
    res.type("image/gif").send(Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64"));
  });
  app.get("/favicon.ico", (_req, res) => {
    res.status(204).end();
  });

  app.get("/", (_req, res) => res.redirect(302, "/home"));
  for (const path of ["/home", "/login", "/account", "/shop/:category", "/product/:slug", "/farms/:slug"]) {
    app.get(path, (req, res) => {
      const ctx = ctxFor(req);
      if (path === "/account" && !sessionAccount(state, req)) return res.redirect(302, "/login");
      res.type("html").send(shellDocument(ctx, "Farm to People"));
    });
  }
  app.get("/cart", (req, res) => {
    if (!sessionAccount(state, req)) return res.redirect(302, "/login");
    res.type("html").send(shellDocument(ctxFor(req), "Your cart"));
  });

  app.get("/api/page", (req, res) => {
    const ctx = ctxFor(req);
    const path = String(req.query.path ?? "/home");
    const account = sessionAccount(state, req);
    const classes = { loginError: ctx.cls("login", "error") };
    const send = (html: string) => res.json({ html, classes });
    if (path === "/login") return account ? res.json({ redirect: "/home" }) : send(loginPage(ctx));
    if (path === "/home") return send(homePage(ctx, ctx.viewer !== null));
    if (path === "/cart") return account ? send(cartPage(ctx, account)) : res.json({ redirect: "/login" });
    if (path === "/account") return account ? send(accountPage(ctx, account)) : res.json({ redirect: "/login" });
    const shop = /^\/shop\/([a-z-]+)$/.exec(path);
    if (shop) return send(catalogPage(ctx, shop[1]!, catalogTiles(shop[1]!).slice(0, CATALOG_BATCH)));
    const product = /^\/(?:product|farms)\/([a-z0-9-]+)$/.exec(path);
    if (product) return send(productPage(ctx, product[1]!));
    res.status(404).json({ html: "<h1>Not found</h1>" });
  });

  app.post("/api/login/email", (req, res) => {
    const account = state.accounts.get(String(req.body?.email ?? "").toLowerCase());
    const next = account === undefined ? "unknown" : account.password === null ? "magic-link" : "password";
    setTimeout(() => res.json({ next }), state.modes.passwordStepDelayMs);
  });

  app.post("/api/login/password", (req, res) => {
    const account = state.accounts.get(String(req.body?.email ?? "").toLowerCase());
    if (!account || account.password === null || req.body?.password !== account.password) {
      return res.status(401).json({ error: "Incorrect email or password." });
    }
    const token = randomBytes(16).toString("hex");
    if (account.behaviour?.keepLogin === false) {
      state.displaySessions.set(token, account.email.toLowerCase());
      res.cookie(DISPLAY_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/" });
    } else {
      state.sessions.set(token, account.email.toLowerCase());
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/" });
    }
    res.json({ ok: true });
  });

  app.get("/api/cart-drawer", (req, res) => {
    const ctx = ctxFor(req);
    const account = sessionAccount(state, req);
    if (!account) return res.status(401).json({ html: zipDrawer(ctx) });
    res.json({ html: cartDrawer(ctx, account) });
  });

  app.get("/api/customize/:slug/:part", (req, res) => {
    const ctx = ctxFor(req);
    const account = sessionAccount(state, req);
    if (!account) return res.status(401).json({ error: "not logged in" });
    const box = account.cart.boxes.find((b: FixtureBox) => boxSlug(b) === req.params.slug);
    if (!box?.customizable || account.behaviour?.locked) return res.status(404).json({ error: "no such box" });
    const b = account.behaviour ?? {};
    const part = req.params.part;
    if (part === "shell") return res.json({ html: customizePanelShell(ctx, box), staleMs: b.stalePanelMs ?? 0 });
    if (part === "selected") {
      return setTimeout(() => res.json({ html: selectedCards(ctx, box), footer: customizeFooter(ctx, box) }), b.panelFillDelayMs ?? 0);
    }
    if (part === "alternatives") return setTimeout(() => res.json({ html: alternativeCards(ctx, box) }), b.panelAlternativesDelayMs ?? 0);
    res.status(404).json({ error: "no such part" });
  });

  app.get("/api/catalog/:category", (req, res) => {
    const ctx = ctxFor(req);
    const offset = Number(req.query.offset ?? 0);
    const tiles = catalogTiles(req.params.category);
    const batch = tiles.slice(offset, offset + CATALOG_BATCH);
    res.json({ html: batch.map((t) => catalogTile(ctx, t)).join(""), more: offset + CATALOG_BATCH < tiles.length });
  });

  app.post("/api/mutations", (req, res) => {
    state.mutations.push({ action: String(req.body?.action ?? "unknown"), at: state.now().toISOString() });
    res.status(204).end();
  });

  app.use((_req: Request, res: Response) => {
    res.status(404).type("html").send("<h1>Not found</h1>");
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res
      .status(500)
      .type("text")
      .send(err instanceof Error ? err.message : "replica error");
  });
  return { app, state };
}

function controlRoutes(state: ReplicaState): express.Router {
  const router = express.Router();
  router.get("/mutations", (_req, res) => {
    res.json(state.mutations);
  });
  router.get("/stats", (_req, res) => {
    res.json(state.stats);
  });
  router.post("/modes", (req, res) => {
    const body = req.body ?? {};
    if (typeof body.latencyMs === "number")
      state.modes.latency = body.latencyMs > 0 ? { ms: body.latencyMs, jitterMs: body.jitterMs ?? 0 } : null;
    for (const key of ["outage", "classVariant", "buildId", "hideCartButton", "passwordStepDelayMs"] as const) {
      if (body[key] !== undefined) (state.modes as unknown as Record<string, unknown>)[key] = body[key];
    }
    res.json({ ...state.modes, latency: state.modes.latency && { ms: state.modes.latency.ms } });
  });
  return router;
}

function cookieOf(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

function sessionAccount(state: ReplicaState, req: Request): ReplicaAccount | null {
  const email = state.sessions.get(cookieOf(req, SESSION_COOKIE) ?? "");
  return email === undefined ? null : (state.accounts.get(email) ?? null);
}

/** Whose header the page shows: the logged-in account, or the zip-gate account that only looks logged in. */
function viewerOf(state: ReplicaState, req: Request): ReplicaAccount | null {
  const account = sessionAccount(state, req);
  if (account) return account;
  const email = state.displaySessions.get(cookieOf(req, DISPLAY_COOKIE) ?? "");
  return email === undefined ? null : (state.accounts.get(email) ?? null);
}

const CATALOG_WORDS = ["Heirloom", "Organic", "Baby", "Rainbow", "Sweet", "Wild", "Smoked", "Aged", "Fresh", "Local"];
const CATALOG_NOUNS = ["Carrots", "Kale", "Tomatoes", "Garlic", "Onions", "Peppers"];
const CATALOG_FARMS = ["Sunny Harvest", "Pedersen Farms", "Rising C Ranches", "Fishkill Farms"];
const CATALOG_UNITS = ["1 bunch", "1.0 Lbs", "8.0 oz", "1 head", "2 Lbs", "Each"];

/** The catalog's tiles: deterministic per category, 60 of them, every seventh sold out, vendors doubled. */
export function catalogTiles(category: string): CatalogTile[] {
  return Array.from({ length: CATALOG_SIZE }, (_, i) => ({
    name: `${CATALOG_WORDS[i % CATALOG_WORDS.length]} ${CATALOG_NOUNS[Math.floor(i / CATALOG_WORDS.length) % CATALOG_NOUNS.length]} (${category})`,
    producer: CATALOG_FARMS[i % CATALOG_FARMS.length]!,
    unit: CATALOG_UNITS[i % CATALOG_UNITS.length]!,
    priceCents: 199 + i * 25,
    soldOut: i % 7 === 6,
  }));
}

/** Starts a replica on a free loopback port. */
export async function startReplica(options: ReplicaOptions = {}): Promise<ReplicaHandle> {
  const { app, state } = createReplicaApp(options);
  const host = options.host ?? "127.0.0.1";
  const server = await new Promise<import("node:http").Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    setModes: (modes) => {
      state.modes = { ...state.modes, ...modes };
    },
    mutations: () => [...state.mutations],
    stats: () => ({ ...state.stats }),
    resetStats: () => {
      state.stats = { requests: 0, injectedLatencyMs: 0 };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
