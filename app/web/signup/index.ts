// Public face of onboarding: the signup page and API router, its schema and its port.
export * from "./errors";
export * from "./origin-check";
export { SIGNUP_CONFIRMATION } from "./signup-page";
export * from "./signup-router";
export * from "./signup-schema";
