// Per-request timing (the seed's monitoring middleware): an X-Process-Time header on every response, a warning
// for slow requests, and the HTTP metrics. Logs and labels carry the route template, never the URL.
import { performance } from "node:perf_hooks";
import type { RequestHandler } from "express";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";
import { routeTemplate, trackRouteTemplate } from "./route-template";

export const PROCESS_TIME_HEADER = "X-Process-Time";

export interface RequestTimingOptions {
  logger: Logger;
  /** Requests slower than this are logged as warnings (SLOW_REQUEST_MS). @default 5000 */
  slowRequestMs?: number;
  /** Observes every finished request when given. */
  metrics?: Pick<Metrics, "observeRequest">;
  /** Milliseconds, monotonic. @default performance.now */
  now?: () => number;
}

export function requestTiming(options: RequestTimingOptions): RequestHandler {
  const slowMs = options.slowRequestMs ?? 5000;
  const now = options.now ?? (() => performance.now());
  return (req, res, next) => {
    const started = now();
    trackRouteTemplate(req);
    // The header must be set before the head is written; wrapping writeHead (as the on-headers package does)
    // catches every way a response starts: res.json, res.send, res.end, streams and the error handler.
    const writeHead = res.writeHead;
    res.writeHead = function timedWriteHead(this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!this.headersSent) this.setHeader(PROCESS_TIME_HEADER, ((now() - started) / 1000).toFixed(4));
      return writeHead.apply(this, args);
    } as typeof writeHead;
    res.once("finish", () => {
      const ms = now() - started;
      const route = routeTemplate(req);
      options.metrics?.observeRequest({ method: req.method, route, status: res.statusCode, seconds: ms / 1000 });
      if (ms > slowMs) {
        options.logger.warn({ method: req.method, route, status: res.statusCode, durationMs: Math.round(ms) }, "slow request");
      }
    });
    next();
  };
}
