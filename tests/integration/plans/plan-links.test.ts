// The /plans router wired to the real store (PostgreSQL with migrations): a published plan row found by its token
// hash, shown with the cart it was planned from.
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePhone } from "../../../app/identity";
import { createLogger } from "../../../app/ops/logger";
import { cartHash } from "../../../app/planner";
import { planFallback } from "../../../app/planner/fallback-planner";
import { assemblePlan } from "../../../app/planner/plan-assemble";
import { buildPlanningContext } from "../../../app/planner/planning-context";
import { createLocalArtifactStore } from "../../../app/plans/artifact-store";
import { planLinksFromStore } from "../../../app/plans/plan-links";
import { plansRouter } from "../../../app/plans/plans-router";
import { buildKeyring } from "../../../app/security/crypto";
import { hashLinkToken, newLinkToken } from "../../../app/security/link-tokens";
import { createRepositories, type Database } from "../../../app/store";
import { migratedTestDatabase } from "../../support/db";
import { buildCart, buildPreferences, NOW } from "../../support/planner-carts";

let database: Database;
let server: Server;
let base: string;
const token = newLinkToken();
const cart = buildCart();
const ctx = buildPlanningContext({ cart, preferences: buildPreferences(), now: NOW });
const plan = assemblePlan(planFallback(ctx), ctx, {
  source: "fallback",
  model: null,
  cartHash: cartHash(cart),
  cartSource: "fresh",
  now: NOW,
});

beforeAll(async () => {
  database = await migratedTestDatabase("plans-plan-links");
  const repos = createRepositories(database, { keyring: buildKeyring({ current: randomBytes(32).toString("base64") }), now: () => NOW });
  const user = await repos.users.create({ phone: parsePhone("(202) 555-0177"), state: "active" });
  await repos.carts.insert(user.id, cart, "live");
  await repos.plans.insert({
    userId: user.id,
    cartId: null,
    cartHash: plan.cartHash,
    plan,
    source: plan.source,
    shareTokenHash: hashLinkToken(token),
    expiresAt: new Date(NOW.getTime() + 14 * 86_400_000),
  });
  const app = express();
  app.use(
    plansRouter({
      findPlanByTokenHash: planLinksFromStore(repos),
      artifacts: createLocalArtifactStore("/nonexistent-never-written"),
      renderPdf: async () => {
        throw new Error("no PDF in this test");
      },
      logger: createLogger({ level: "silent" }),
      now: () => NOW,
    }),
  );
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

describe("plan links from the store", () => {
  it("when a stored plan's link is opened, then the page shows its meals and the cart it was planned from", async () => {
    const res = await fetch(`${base}/plans/${token}`);
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toContain(plan.meals[0]!.name);
    expect(body).toContain("Seasonal Produce Box - Small (customizable)");
    expect(body).toContain("Alternatives: Red Onions, Firm Tofu");
  });

  it("when a token has no plan row, then 404", async () => {
    expect((await fetch(`${base}/plans/${newLinkToken()}`)).status).toBe(404);
  });
});
