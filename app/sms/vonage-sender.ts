// The Vonage adapter for SmsSender (spec/contracts.md §4): the official SDK's SMS API, paced by a token bucket,
// retrying throttling (status 1), 5xx and network failures with backoff. Knows nothing about users or state.
import { Vonage } from "@vonage/server-sdk";
import { SmsSendError } from "./errors";
import { isGsm7, sanitiseForGsm7 } from "./segments";
import { MAX_SEND_RETRIES, retryDelayMs, TokenBucket } from "./send-pacing";
import type { OutboundSms, SentSms, SmsSender } from "./sender";

export interface VonageClientOptions {
  apiKey: string;
  apiSecret: string;
  /** VONAGE_REST_HOST: where `POST /sms/json` goes (a stand-in in tests and the demo). */
  restHost?: string;
  /** VONAGE_API_HOST. */
  apiHost?: string;
  /** @default 10000: a stuck request must end well before the job's own expiry. */
  timeoutMs?: number;
}

/** Built once by compose.ts. */
export function createVonageClient(options: VonageClientOptions): Vonage {
  return new Vonage(
    { apiKey: options.apiKey, apiSecret: options.apiSecret },
    {
      ...(options.restHost ? { restHost: options.restHost } : {}),
      ...(options.apiHost ? { apiHost: options.apiHost } : {}),
      timeout: options.timeoutMs ?? 10_000,
    },
  );
}

export interface VonageSenderOptions {
  /** Our sending number, digits only (VONAGE_PHONE_NUMBER). */
  from: string;
  /** SMS_SEND_RATE_PER_SECOND. */
  ratePerSecond: number;
  /** @default MAX_SEND_RETRIES (3) */
  maxRetries?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The part of the SDK we use. */
export type VonageSmsApi = Pick<Vonage, "sms">;
type SmsParams = Parameters<Vonage["sms"]["send"]>[0];

export function createVonageSender(vonage: VonageSmsApi, options: VonageSenderOptions): SmsSender {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const maxRetries = options.maxRetries ?? MAX_SEND_RETRIES;
  const bucket = new TokenBucket(options.ratePerSecond, now());

  async function attempt(message: OutboundSms): Promise<SentSms> {
    const wait = bucket.reserve(now());
    if (wait > 0) await sleep(wait);
    // Always type "text" (GSM-7); a stray non-GSM character would otherwise be mangled by the carrier.
    const text = isGsm7(message.text) ? message.text : sanitiseForGsm7(message.text);
    try {
      // `type` is the SDK's TypeEnum, which @vonage/server-sdk does not re-export; "text" is its TEXT value.
      const params = {
        to: message.to.replace(/^\+/, ""),
        from: options.from,
        text,
        clientRef: message.clientRef,
        type: "text",
      } as SmsParams;
      const response = await vonage.sms.send(params);
      const parts = messagesOf(response);
      return { providerMessageIds: parts.map((p) => p.messageId ?? "").filter((id) => id !== ""), segments: parts.length };
    } catch (err) {
      throw classifySendFailure(err);
    }
  }

  return {
    async send(message) {
      for (let retry = 0; ; retry++) {
        try {
          return await attempt(message);
        } catch (err) {
          if (!(err instanceof SmsSendError) || !err.retryable || retry >= maxRetries) throw err;
          await sleep(retryDelayMs(retry + 1, random));
        }
      }
    },
  };
}

interface ResponsePart {
  status?: string;
  messageId?: string;
}

function messagesOf(value: unknown): ResponsePart[] {
  const messages = (value as { messages?: unknown })?.messages;
  return Array.isArray(messages) ? (messages as ResponsePart[]) : [];
}

/**
 * SDK failures → SmsSendError. MessageSendAllFailure carries the per-part statuses (1 throttled, 5 internal error:
 * retry; anything else is a request we must not repeat); VetchError carries the HTTP response; fetch failures and
 * aborts are network errors. A partial failure is not retried: the parts already accepted would be sent twice.
 */
export function classifySendFailure(err: unknown): SmsSendError {
  const failure = err as { name?: unknown; response?: { messages?: unknown; status?: unknown }; constructor?: { name?: string } };
  const parts = messagesOf(failure?.response);
  if (parts.length > 0) {
    const failed = parts.filter((p) => p.status !== "0");
    const partial = failed.length < parts.length;
    const status = failed[0]?.status ?? null;
    if (!partial && failed.every((p) => p.status === "1")) return new SmsSendError("throttled", true, "1");
    if (!partial && failed.every((p) => p.status === "5")) return new SmsSendError("server_error", true, "5");
    return new SmsSendError("rejected", false, status);
  }
  const httpStatus = typeof failure?.response?.status === "number" ? failure.response.status : null;
  if (httpStatus !== null) {
    if (httpStatus >= 500 || httpStatus === 429) return new SmsSendError("server_error", true, String(httpStatus));
    return new SmsSendError("rejected", false, String(httpStatus));
  }
  return new SmsSendError("network", true, null);
}
