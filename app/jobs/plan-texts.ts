// Words for the texts a plan job sends: maps a PlanText onto the SMS domain's templates. Pure.
import { planSummary } from "../planner";
import * as texts from "../sms/texts";
import type { PlanText } from "./plan-job";

export interface PlanTextLinks {
  /** A fresh settings link (works 30 minutes); only the credentials text needs one. */
  settingsUrl: string | null;
}

export function renderPlanText(text: PlanText, links: PlanTextLinks): string {
  switch (text.id) {
    case "PROGRESS":
      return texts.PROGRESS(text);
    case "PLAN_READY":
      return planSummary({ plan: text.plan, planUrl: text.planUrl, storedCart: text.storedCart });
    case "CREDENTIALS":
      return texts.CREDENTIALS({ settingsUrl: links.settingsUrl ?? "" });
    case "SITE_DOWN":
      return texts.SITE_DOWN();
    case "SITE_SLOW":
      return texts.SITE_SLOW();
    case "SITE_CHANGED":
      return texts.SITE_CHANGED();
    case "INTERNAL":
      return texts.INTERNAL();
    case "CART_EMPTY":
      return texts.CART_EMPTY({ deliveryDate: text.deliveryDate });
  }
}
