// The one mapping from errors to HTTP responses: `{ error: { code, message, ... } }` with a stable code.
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError } from "../errors";
import type { Logger } from "../ops/logger";

export function notFoundHandler(): RequestHandler {
  return (_req, res) => {
    res.status(404).json({ error: { code: "not_found", message: "No such route" } });
  };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError) {
      if (err.status >= 500) logger.error({ err: { code: err.code, name: err.name }, route: req.route?.path }, "request failed");
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...err.details } });
      return;
    }
    // body-parser marks its own failures (malformed JSON, too large) with a status and `expose`.
    const status = typeof err?.status === "number" && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status < 500) {
      res
        .status(status)
        .json({ error: { code: status === 413 ? "payload_too_large" : "bad_request", message: "The request could not be read" } });
      return;
    }
    logger.error({ err: { name: err?.name, message: String(err?.message ?? "") } }, "unhandled error");
    res.status(500).json({ error: { code: "internal", message: "Something went wrong on our side" } });
  };
}
