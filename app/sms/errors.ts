// The SMS domain's failures, each with a literal code (STYLE.md 2.1). The Express error handler maps them.
import { AppError } from "../errors";

export type SignatureProblem = "missing" | "mismatch" | "stale" | "no_timestamp" | "malformed";

/** A webhook that must be signed was not, or not by us: 401, and nothing is stored. */
export class InvalidSignatureError extends AppError<"invalid_signature"> {
  constructor(readonly problem: SignatureProblem) {
    super("invalid_signature", "The webhook signature is missing or invalid", { status: 401 });
  }
}

/** The webhook's fields do not form a Vonage payload we understand. */
export class InvalidWebhookPayloadError extends AppError<"invalid_payload"> {
  constructor(fields: string[]) {
    super("invalid_payload", "The webhook payload is not a Vonage SMS payload", { status: 400, details: { fields } });
  }
}

export type SendFailureKind = "throttled" | "server_error" | "network" | "rejected";

/**
 * An outbound text could not be handed to Vonage. `retryable` tells the send queue whether trying later can help;
 * the cause is reduced to the status so the SDK's request (with the API secret and the text) never travels on.
 */
export class SmsSendError extends AppError<"sms_send_failed"> {
  constructor(
    readonly kind: SendFailureKind,
    readonly retryable: boolean,
    readonly providerStatus: string | null,
  ) {
    super("sms_send_failed", `Vonage did not accept the text (${kind}${providerStatus === null ? "" : `, status ${providerStatus}`})`, {
      status: 502,
    });
  }
}
