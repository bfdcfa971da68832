// The Express app factory: fixed middleware order, domain routers handed in by compose.ts.
import express, { type Router } from "express";
import type { Logger } from "../ops/logger";
import { errorHandler, notFoundHandler } from "./error-handler";

export interface AppParts {
  logger: Logger;
  /** Middleware that runs before every router (timing, metrics, draining). */
  before?: express.RequestHandler[];
  routers: Router[];
  /** Error middleware that must see errors before our handler (Sentry). */
  errorTaps?: express.ErrorRequestHandler[];
}

export function createApp(parts: AppParts): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", 1); // Railway's edge is the one proxy in front of us; req.ip is then the client's.
  for (const mw of parts.before ?? []) app.use(mw);
  for (const router of parts.routers) app.use(router);
  app.use(notFoundHandler());
  for (const tap of parts.errorTaps ?? []) app.use(tap);
  app.use(errorHandler(parts.logger));
  return app;
}
