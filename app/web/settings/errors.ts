// The settings link's own failures (product.md 2.4); validation and origin failures reuse the sign-up ones.
import { AppError } from "../../errors";

export const SETTINGS_LINK_EXPIRED_MESSAGE = "This settings link has expired. Text SETTINGS for a new one.";

/** Not a token we could ever have issued (wrong shape): answered like any unknown URL. */
export class SettingsLinkNotFoundError extends AppError<"settings_link_not_found"> {
  constructor() {
    super("settings_link_not_found", SETTINGS_LINK_EXPIRED_MESSAGE, { status: 404 });
  }
}

/** A well-formed token that is unknown, expired or already used: a link we may have texted, now gone. */
export class SettingsLinkExpiredError extends AppError<"settings_link_expired"> {
  constructor() {
    super("settings_link_expired", SETTINGS_LINK_EXPIRED_MESSAGE, { status: 410 });
  }
}
