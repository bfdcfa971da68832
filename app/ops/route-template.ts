// The label for a request: the matched Express route template (`/plans/:token`), never the raw URL, so
// tokens, phone numbers and ids in paths or query strings cannot become metric labels or log fields.
import type { Request } from "express";

/** Requests no route matched (404s, scanners): one label, so random paths cannot explode cardinality. */
export const UNMATCHED_ROUTE = "unmatched";

export function routeTemplate(req: Request): string {
  const path: unknown = req.route?.path;
  if (typeof path !== "string") return UNMATCHED_ROUTE;
  return `${req.baseUrl ?? ""}${path}` || "/";
}
