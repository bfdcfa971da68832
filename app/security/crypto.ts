// Field encryption at rest (product.md 2.3): AES-256-GCM with a random 96-bit nonce per value, the owner's id and
// the field name as associated data, and the id of the key stored beside every ciphertext so keys rotate by
// re-encryption. Owns the keyring; which rows hold ciphertext is the store's business.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "../errors";

const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
// 96 bits is the nonce length GCM is specified for (NIST SP 800-38D); random nonces stay safe far beyond the
// number of values this system will ever seal under one key (the bound is about 2^32).
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
// Ciphertext layout version, first byte of every sealed value, so a later format can be told apart.
const FORMAT_V1 = 1;

/** No key was configured: there is no default key and no plain-text fallback. */
export class MissingEncryptionKeyError extends AppError<"encryption_key_missing"> {
  constructor() {
    super(
      "encryption_key_missing",
      "ENCRYPTION_KEY is not set: credentials cannot be stored or read. Generate one with `openssl rand -base64 32` and put it in the secret store.",
      { status: 500 },
    );
  }
}

export class InvalidEncryptionKeyError extends AppError<"encryption_key_invalid"> {
  constructor(readonly variable: string) {
    // Never echo the value: it is a secret, possibly pasted into the wrong variable.
    super("encryption_key_invalid", `${variable} must hold base64 of exactly 32 bytes`, { status: 500 });
  }
}

/** A sealed value could not be opened: unknown key id, wrong owner or field, or tampered ciphertext. */
export class DecryptionError extends AppError<"decryption_failed"> {
  constructor(
    readonly reason: "unknown_key" | "authentication_failed" | "malformed",
    readonly keyId: string,
    cause?: unknown,
  ) {
    super("decryption_failed", `cannot decrypt a value sealed under key ${keyId} (${reason.replace("_", " ")})`, { status: 500, cause });
  }
}

export interface EncryptionKey {
  /** Short public fingerprint of the key; safe to store and log, reveals nothing usable about the key. */
  readonly id: string;
  readonly material: Buffer;
}

export interface Keyring {
  /** Seals every new value. */
  readonly current: EncryptionKey;
  /** Every key that may still open a value, the current one included. */
  readonly keys: ReadonlyMap<string, EncryptionKey>;
}

/** A value as stored: which key sealed it, and base64 of version byte, nonce, ciphertext and tag. */
export interface SealedValue {
  keyId: string;
  ciphertext: string;
}

/** Where a value belongs. Bound into the tag, so a ciphertext copied to another row or column fails to open. */
export interface SealContext {
  ownerId: string;
  field: string;
}

export interface KeyringSources {
  /** base64 of 32 bytes (ENCRYPTION_KEY). */
  current: string | undefined;
  /** Comma-separated earlier keys (ENCRYPTION_KEYS_PREVIOUS), still accepted for opening during rotation. */
  previous?: string | undefined;
}

export function keyId(material: Buffer): string {
  // A domain-separated hash prefix: enough bits to tell a handful of keys apart, never the key itself.
  return createHash("sha256").update("ftp-assistant/key-id/v1\0").update(material).digest("hex").slice(0, 16);
}

export function buildKeyring(sources: KeyringSources): Keyring {
  if (sources.current === undefined || sources.current.trim() === "") throw new MissingEncryptionKeyError();
  const current = parseKey(sources.current.trim(), "ENCRYPTION_KEY");
  const keys = new Map<string, EncryptionKey>([[current.id, current]]);
  const previous = (sources.previous ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
  for (const raw of previous) {
    const key = parseKey(raw, "ENCRYPTION_KEYS_PREVIOUS");
    if (!keys.has(key.id)) keys.set(key.id, key);
  }
  return { current, keys };
}

export function seal(keyring: Keyring, plaintext: string, context: SealContext): SealedValue {
  const key = keyring.current;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.material, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const envelope = Buffer.concat([Buffer.of(FORMAT_V1), nonce, body, cipher.getAuthTag()]);
  return { keyId: key.id, ciphertext: envelope.toString("base64") };
}

export function open(keyring: Keyring, sealed: SealedValue, context: SealContext): string {
  const key = keyring.keys.get(sealed.keyId);
  if (!key) throw new DecryptionError("unknown_key", sealed.keyId);
  const envelope = Buffer.from(sealed.ciphertext, "base64");
  if (envelope.length < 1 + NONCE_BYTES + TAG_BYTES || envelope[0] !== FORMAT_V1) {
    throw new DecryptionError("malformed", sealed.keyId);
  }
  const nonce = envelope.subarray(1, 1 + NONCE_BYTES);
  const tag = envelope.subarray(envelope.length - TAG_BYTES);
  const body = envelope.subarray(1 + NONCE_BYTES, envelope.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv(ALGORITHM, key.material, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch (err) {
    throw new DecryptionError("authentication_failed", sealed.keyId, err);
  }
}

/** True when the value was sealed under an earlier key and should be re-sealed (keys:rotate). */
export function isSealedUnderOldKey(keyring: Keyring, sealed: SealedValue): boolean {
  return sealed.keyId !== keyring.current.id;
}

/** Base64 of exactly 32 bytes: the one rule for ENCRYPTION_KEY, shared by the config schema and the keyring. */
export function isEncryptionKeyText(raw: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && Buffer.from(raw, "base64").length === KEY_BYTES;
}

function parseKey(raw: string, variable: string): EncryptionKey {
  if (!isEncryptionKeyText(raw)) throw new InvalidEncryptionKeyError(variable);
  const material = Buffer.from(raw, "base64");
  return { id: keyId(material), material };
}

function associatedData(context: SealContext): Buffer {
  // Length-prefixed so ("ab", "c") and ("a", "bc") never produce the same bytes.
  const owner = Buffer.from(context.ownerId, "utf8");
  const field = Buffer.from(context.field, "utf8");
  const header = Buffer.alloc(8);
  header.writeUInt32BE(owner.length, 0);
  header.writeUInt32BE(field.length, 4);
  return Buffer.concat([header, owner, field]);
}
