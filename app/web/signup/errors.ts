// The signup route's own failures (product.md 2.2); validation failures use the shared ValidationError.
import { AppError } from "../../errors";

/** The phone already has an active account: nothing changes (product.md 1.2). */
export class PhoneAlreadyActiveError extends AppError<"phone_already_active"> {
  constructor() {
    super("phone_already_active", "This number already has an account. Text SETTINGS to change your details.", { status: 409 });
  }
}

/** The request did not come from our own page (see origin-check.ts). */
export class CrossSiteRequestError extends AppError<"cross_site_request"> {
  constructor() {
    super("cross_site_request", "This form can only be sent from our own sign-up page", { status: 403 });
  }
}

export class UnsupportedMediaTypeError extends AppError<"unsupported_media_type"> {
  constructor() {
    super("unsupported_media_type", "Send the form as application/json", { status: 415 });
  }
}

/** More sign-ups than the limits allow (product.md 2.2): per client IP, or per phone number. */
export class SignupRateLimitedError extends AppError<"rate_limited"> {
  constructor() {
    super("rate_limited", "Too many sign-up attempts. Please try again later.", { status: 429 });
  }
}
