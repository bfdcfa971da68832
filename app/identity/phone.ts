// Phone identity (product.md 1.1): one canonical form, `+1` and ten digits, for every number we store or look up.
// The earlier version matched users over several phone formats and leaked data between them; here a lookup only
// ever takes a CanonicalPhone, and the only ways to get one are the parsers below.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { AppError } from "../errors";

declare const canonical: unique symbol;
/** `+1XXXXXXXXXX`, validated. Only parsePhone and parseMsisdn produce it. */
export type CanonicalPhone = string & { readonly [canonical]: true };

export type InvalidPhoneReason = "malformed" | "not_valid" | "not_us" | "not_personal";

export class InvalidPhoneError extends AppError<"invalid_phone"> {
  constructor(readonly reason: InvalidPhoneReason) {
    // The input is personal data: it stays out of the message.
    super("invalid_phone", "Enter a valid US mobile number, like (202) 555-0143", { status: 400, details: { reason } });
  }
}

// What a customer might type around the digits; anything else (letters, extensions) is refused outright.
const ALLOWED_INPUT = /^[\d\s().+-]{10,32}$/;
// Numbers that cannot be a customer's own phone (product.md 1.1).
const REFUSED_TYPES = new Set(["TOLL_FREE", "PREMIUM_RATE", "SHARED_COST"]);

/** Parses form input (spaces, dots, dashes, brackets, a leading 1 or +1) into the canonical form, or throws InvalidPhoneError. */
export function parsePhone(input: string): CanonicalPhone {
  const trimmed = input.trim();
  if (!ALLOWED_INPUT.test(trimmed)) throw new InvalidPhoneError("malformed");
  const parsed = parsePhoneNumberFromString(trimmed, "US");
  if (!parsed || parsed.ext || !parsed.isValid()) throw new InvalidPhoneError("not_valid");
  // Canada and the Caribbean share +1; only the US is served.
  if (parsed.country !== "US") throw new InvalidPhoneError("not_us");
  const type = parsed.getType();
  if (type !== undefined && REFUSED_TYPES.has(type)) throw new InvalidPhoneError("not_personal");
  const e164 = parsed.number;
  if (!/^\+1\d{10}$/.test(e164)) throw new InvalidPhoneError("not_valid");
  return e164 as CanonicalPhone;
}

/** Vonage sends `msisdn` as `1XXXXXXXXXX`; the canonical form is `+` plus that value, validated the same way. */
export function parseMsisdn(msisdn: string): CanonicalPhone {
  if (!/^1\d{10}$/.test(msisdn)) throw new InvalidPhoneError("malformed");
  return parsePhone(`+${msisdn}`);
}

/** True when the value already is canonical (e.g. read back from the database). */
export function isCanonicalPhone(value: string): value is CanonicalPhone {
  try {
    return parsePhone(value) === value;
  } catch {
    return false;
  }
}

/** `+12025550143` → `(202) 555-0143`, for pages the number's owner sees. */
export function formatPhoneForDisplay(phone: CanonicalPhone): string {
  const d = phone.slice(2);
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
}
