// The admin domain's public face.
export { ADMIN_PREFIX, type AdminRouterOptions, adminRouter } from "./admin-router";
export { JobAlreadyRunningError, JobNotRetryableError } from "./errors";
export * from "./ports";
