import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildKeyring,
  DecryptionError,
  InvalidEncryptionKeyError,
  isSealedUnderOldKey,
  keyId,
  MissingEncryptionKeyError,
  open,
  seal,
} from "../../../app/security/crypto";

const key = () => randomBytes(32).toString("base64");
const context = { ownerId: "5b0f7c1e-8a57-4f3e-9a0e-2f1d7c9b6a11", field: "ftp_credentials.password" };

describe("field encryption", () => {
  it("when any text is sealed, then opening it with the same owner and field returns it", () => {
    const ring = buildKeyring({ current: key() });
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (plaintext) => {
        expect(open(ring, seal(ring, plaintext, context), context)).toBe(plaintext);
      }),
    );
  });

  it("when the same text is sealed twice, then the ciphertexts differ (a fresh nonce each time)", () => {
    const ring = buildKeyring({ current: key() });
    expect(seal(ring, "same", context).ciphertext).not.toBe(seal(ring, "same", context).ciphertext);
  });

  it.each([
    ["another owner", { ...context, ownerId: "00000000-0000-4000-8000-000000000000" }],
    ["another field", { ...context, field: "ftp_credentials.email" }],
  ])("when a ciphertext is opened for %s, then it fails with DecryptionError", (_label, other) => {
    const ring = buildKeyring({ current: key() });
    const sealed = seal(ring, "Tomato-Basil-42", context);
    expect(() => open(ring, sealed, other)).toThrow(DecryptionError);
  });

  it("when one byte of the ciphertext is changed, then it fails with DecryptionError", () => {
    const ring = buildKeyring({ current: key() });
    const sealed = seal(ring, "Tomato-Basil-42", context);
    const bytes = Buffer.from(sealed.ciphertext, "base64");
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    expect(() => open(ring, { ...sealed, ciphertext: bytes.toString("base64") }, context)).toThrow(
      expect.objectContaining({ code: "decryption_failed", reason: "authentication_failed" }),
    );
  });

  it("when the value was sealed under a key the ring does not hold, then it fails as unknown_key", () => {
    const sealed = seal(buildKeyring({ current: key() }), "x", context);
    expect(() => open(buildKeyring({ current: key() }), sealed, context)).toThrow(expect.objectContaining({ reason: "unknown_key" }));
  });

  it("when the old key is listed as previous, then values sealed under it still open and are flagged for rotation", () => {
    const oldKey = key();
    const sealed = seal(buildKeyring({ current: oldKey }), "kept", context);
    const ring = buildKeyring({ current: key(), previous: ` ${oldKey} ,` });

    expect(open(ring, sealed, context)).toBe("kept");
    expect(isSealedUnderOldKey(ring, sealed)).toBe(true);
    expect(isSealedUnderOldKey(ring, seal(ring, "new", context))).toBe(false);
  });
});

describe("keyring", () => {
  it.each([undefined, "", "   "])("when ENCRYPTION_KEY is %j, then MissingEncryptionKeyError (no default key)", (current) => {
    expect(() => buildKeyring({ current })).toThrow(MissingEncryptionKeyError);
  });

  it.each([
    ["ENCRYPTION_KEY", { current: Buffer.alloc(16, 1).toString("base64") }],
    ["ENCRYPTION_KEY", { current: "not base64 at all!" }],
    ["ENCRYPTION_KEYS_PREVIOUS", { current: Buffer.alloc(32, 1).toString("base64"), previous: "c2hvcnQ=" }],
  ])("when %s is not 32 bytes of base64, then InvalidEncryptionKeyError names the variable and not the value", (variable, sources) => {
    const error = (() => {
      try {
        buildKeyring(sources);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(InvalidEncryptionKeyError);
    expect(error?.message).toContain(variable);
    for (const value of [sources.current, "previous" in sources ? sources.previous : undefined]) {
      if (value) expect(error?.message).not.toContain(value);
    }
  });

  it("when a key id is derived, then it is short, stable and contains no part of the key", () => {
    const material = randomBytes(32);
    const id = keyId(material);

    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(keyId(Buffer.from(material))).toBe(id);
    expect(material.toString("hex")).not.toContain(id);
    expect(material.toString("base64")).not.toContain(id);
  });
});
