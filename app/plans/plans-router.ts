// GET /plans/:token (contracts.md §3, spec/product.md 6.1-6.3): the plan page, `?format=pdf` for its PDF, and the
// page's stylesheet. Unknown tokens get 404, expired ones 410. The raw token never leaves this module: lookups use
// its SHA-256, and logs carry neither.
import { type Request, type Response, Router } from "express";
import type { Logger } from "../ops/logger";
import { type MealPlan, MealPlanSchema } from "../planner";
import type { Cart } from "../scraper/cart-schema";
import { hashLinkToken, isLinkTokenShaped } from "../security/link-tokens";
import { type PlanArtifactStore, pdfArtifactKey } from "./artifact-store";
import { html } from "./html";
import { renderPlanPage } from "./plan-page";
import { PLAN_STYLESHEET, PLAN_STYLESHEET_PATH } from "./plan-page-style";
import type { PdfRenderer } from "./plan-pdf";

/** What the plans table holds for one link (app/store's findByShareTokenHash plus the plan's cart). */
export interface PlanLinkRecord {
  id: string;
  /** Stored JSON; validated against MealPlanSchema before it is rendered. */
  plan: unknown;
  cart: Cart | null;
  expiresAt: Date;
}

export interface PlansRouterOptions {
  /** Looks a plan up by the SHA-256 (hex) of its token; expired plans are returned too. */
  findPlanByTokenHash: (tokenHash: string) => Promise<PlanLinkRecord | undefined>;
  artifacts: PlanArtifactStore;
  renderPdf: PdfRenderer;
  logger: Logger;
  now: () => Date;
}

/** 6.3: no scripts, styles from our origin only, never indexed, never cached by a shared cache. */
export const PLAN_PAGE_HEADERS: Record<string, string> = {
  "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
};

export const EXPIRED_TEXT = "This plan link has expired. Text PLAN for a new one.";
export const NOT_FOUND_TEXT = "We couldn't find this plan. Text PLAN for a new one.";

export function plansRouter(options: PlansRouterOptions): Router {
  const router = Router();
  // Two first requests for the same PDF share one rendering.
  const rendering = new Map<string, Promise<Buffer>>();

  router.get(PLAN_STYLESHEET_PATH, (_req, res) => {
    res.set({ ...PLAN_PAGE_HEADERS, "Cache-Control": "public, max-age=86400" });
    res.type("text/css").send(PLAN_STYLESHEET);
  });

  router.get("/plans/:token", async (req: Request<{ token: string }>, res: Response) => {
    res.set(PLAN_PAGE_HEADERS);
    const token = req.params.token;
    const record = isLinkTokenShaped(token) ? await options.findPlanByTokenHash(hashLinkToken(token)) : undefined;
    if (!record) {
      sendMessage(res, 404, NOT_FOUND_TEXT);
      return;
    }
    if (options.now().getTime() >= record.expiresAt.getTime()) {
      sendMessage(res, 410, EXPIRED_TEXT);
      return;
    }
    const parsed = MealPlanSchema.safeParse(record.plan);
    if (!parsed.success) {
      options.logger.error({ planId: record.id }, "stored plan does not match the MealPlan schema");
      sendMessage(res, 500, "Sorry, this plan can't be shown right now. Text PLAN for a new one.");
      return;
    }
    const plan = parsed.data;
    if (req.query.format === "pdf") {
      const pdf = await pdfFor(record, plan);
      res.set("Content-Disposition", `inline; filename="${pdfFileName(plan)}"`);
      res.type("application/pdf").send(pdf);
      return;
    }
    res.type("html").send(renderPlanPage({ plan, cart: record.cart, pdfHref: "?format=pdf" }));
  });

  async function pdfFor(record: PlanLinkRecord, plan: MealPlan): Promise<Buffer> {
    const key = pdfArtifactKey(record.id);
    const stored = await options.artifacts.get(key);
    if (stored) return stored;
    let pending = rendering.get(record.id);
    if (!pending) {
      pending = (async () => {
        const pdf = await options.renderPdf(renderPlanPage({ plan, cart: record.cart, pdfHref: null }));
        await options.artifacts.put(key, pdf, "application/pdf");
        return pdf;
      })().finally(() => rendering.delete(record.id));
      rendering.set(record.id, pending);
    }
    return pending;
  }

  return router;
}

/** 6.2: named for the delivery date, never for a person. */
export function pdfFileName(plan: MealPlan): string {
  return plan.deliveryDate ? `meal-plan-${plan.deliveryDate}.pdf` : "meal-plan.pdf";
}

function sendMessage(res: Response, status: number, text: string): void {
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Meal plan</title>
<link rel="stylesheet" href="${PLAN_STYLESHEET_PATH}"></head>
<body><main><h1>Meal plan</h1><p>${text}</p></main></body></html>
`;
  res.status(status).type("html").send(page.value);
}
