// The admin API (product spec 7.4) under /admin: every call needs the bearer API_KEY (timing-safe) in every
// environment, and is audit-logged by route template and status, never with the key, a phone or a body.
import express, { type RequestHandler, Router } from "express";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { NotFoundError, ValidationError } from "../errors";
import { requireApiKey } from "../ops/api-key-auth";
import type { Logger } from "../ops/logger";
import { routeTemplate, trackRouteTemplate } from "../ops/route-template";
import { sanitizeErrorText } from "../ops/safe-error-text";
import { maskPhone } from "../security/redact";
import { JobAlreadyRunningError, JobNotRetryableError } from "./errors";
import {
  type AdminJobRecord,
  type AdminJobView,
  type AdminPorts,
  type AdminUserRecord,
  type AdminUserView,
  JOB_STATES,
  type QueueJobResult,
} from "./ports";

export const ADMIN_PREFIX = "/admin";
/** Pages stay small: an operator reads them, and each row is a query against production. */
const MAX_PAGE = 100;

const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
const JobsQuerySchema = z.object({
  state: z.enum(JOB_STATES).optional(),
  queue: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
});
const LookupBodySchema = z.object({ phone: z.string().min(1).max(40) });
const PlanBodySchema = z.object({ forceRefresh: z.boolean().default(true), useStoredCart: z.boolean().default(false) }).strict();
const RequeueBodySchema = z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict();
const IdSchema = z.string().min(1).max(100);

export interface AdminRouterOptions {
  apiKey: string | undefined;
  ports: AdminPorts;
  logger: Logger;
}

function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  // Reasons only, never the received values (a pasted phone or key would be echoed back).
  const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "body", i.code]));
  throw new ValidationError("The request is invalid", fields);
}

/** US numbers as customers write them; anything that is not a valid number is a 400, not a lookup. */
export function normalizePhone(input: string): string {
  const parsed = parsePhoneNumberFromString(input, "US");
  if (!parsed?.isValid()) throw new ValidationError("The request is invalid", { phone: "invalid_phone" });
  return parsed.number;
}

export function toUserView(user: AdminUserRecord): AdminUserView {
  return {
    userId: user.userId,
    phone: maskPhone(user.phone),
    state: user.state,
    createdAt: user.createdAt.toISOString(),
    lastActiveAt: user.lastActiveAt?.toISOString() ?? null,
  };
}

export function toJobView(job: AdminJobRecord): AdminJobView {
  return {
    id: job.id,
    queue: job.queue,
    state: job.state,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    completedAt: job.completedAt?.toISOString() ?? null,
    retryCount: job.retryCount,
    error: job.error === null ? null : sanitizeErrorText(job.error),
  };
}

function queuedOrThrow(result: QueueJobResult): { jobId: string } {
  switch (result.kind) {
    case "queued":
      return { jobId: result.jobId };
    case "already_running":
      throw new JobAlreadyRunningError();
    case "unknown_user":
      throw new NotFoundError("No such user");
  }
}

function auditLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    trackRouteTemplate(req);
    res.once("finish", () => {
      logger.info({ audit: "admin", method: req.method, route: routeTemplate(req), status: res.statusCode }, "admin call");
    });
    next();
  };
}

export function adminRouter(options: AdminRouterOptions): Router {
  const { ports } = options;
  const admin = Router();
  admin.use(requireApiKey({ apiKey: options.apiKey }));

  admin.get("/users", async (req, res) => {
    const page = parseInput(PageQuerySchema, req.query);
    const { users, nextCursor } = await ports.listUsers(page);
    res.json({ users: users.map(toUserView), nextCursor });
  });

  // The phone goes in the body, never in a URL (URLs end up in proxies' and browsers' logs).
  admin.post("/users/lookup", async (req, res) => {
    const { phone } = parseInput(LookupBodySchema, req.body);
    const user = await ports.findUserByPhone(normalizePhone(phone));
    if (!user) throw new NotFoundError("No such user");
    res.json({ user: toUserView(user) });
  });

  admin.post("/users/:userId/plans", async (req, res) => {
    const userId = parseInput(IdSchema, req.params.userId);
    const body = parseInput(PlanBodySchema, req.body);
    res.status(202).json(queuedOrThrow(await ports.queuePlan(userId, body)));
  });

  admin.post("/users/:userId/cart/refresh", async (req, res) => {
    const userId = parseInput(IdSchema, req.params.userId);
    res.status(202).json(queuedOrThrow(await ports.refreshCart(userId)));
  });

  admin.get("/jobs", async (req, res) => {
    const filter = parseInput(JobsQuerySchema, req.query);
    res.json({ jobs: (await ports.listJobs(filter)).map(toJobView) });
  });

  admin.post("/jobs/dead-letter/requeue", async (req, res) => {
    const { limit } = parseInput(RequeueBodySchema, req.body);
    res.json(await ports.requeueDeadLetters(limit));
  });

  admin.post("/jobs/:jobId/retry", async (req, res) => {
    const jobId = parseInput(IdSchema, req.params.jobId);
    const result = await ports.retryJob(jobId);
    switch (result.kind) {
      case "requeued":
        res.status(202).json({ jobId: result.jobId });
        return;
      case "not_found":
        throw new NotFoundError("No such job");
      case "not_retryable":
        throw new JobNotRetryableError(result.state);
    }
  });

  const router = Router();
  // Audit first, so refused calls (401) are logged too; unknown /admin paths also need the key (no probing).
  router.use(ADMIN_PREFIX, auditLog(options.logger), express.json({ limit: "10kb" }), admin);
  return router;
}
