// The label for a request: the matched Express route template (`/plans/:token`), never the raw URL, so
// tokens, phone numbers and ids in paths or query strings cannot become metric labels or log fields.
import type { Request } from "express";

/** Requests no route matched (404s, scanners): one label, so random paths cannot explode cardinality. */
export const UNMATCHED_ROUTE = "unmatched";

const templates = new WeakMap<Request, string>();

function templateOf(req: Request, route: unknown): string | undefined {
  const path = (route as { path?: unknown } | undefined)?.path;
  return typeof path === "string" ? `${req.baseUrl ?? ""}${path}` || "/" : undefined;
}

/**
 * Remembers the template at the moment Express matches a route. Express restores `req.baseUrl` when an error
 * leaves a mounted router, so reading it later would drop the mount path (`/users/:id` instead of
 * `/admin/users/:id`); Express sets `req.route` while the mount path is still in place, so we watch that.
 */
export function trackRouteTemplate(req: Request): void {
  if (templates.has(req) || Object.getOwnPropertyDescriptor(req, "route")?.set) return;
  let route: unknown = req.route;
  Object.defineProperty(req, "route", {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: unknown) {
      route = value;
      const template = templateOf(req, value);
      if (template) templates.set(req, template);
    },
  });
}

export function routeTemplate(req: Request): string {
  return templates.get(req) ?? templateOf(req, req.route) ?? UNMATCHED_ROUTE;
}
