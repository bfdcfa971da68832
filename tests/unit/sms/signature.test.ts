import { createHash, createHmac } from "node:crypto";
import { AlgorithmTypes } from "@vonage/auth";
import { Vonage } from "@vonage/server-sdk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SignatureMethod, signSmsParams, verifyMessagesJwt, verifySmsSignature } from "../../../app/sms/signature";

const SECRET = "signature-secret-for-tests";
const NOW = new Date("2026-09-15T12:00:00Z");
const NOW_S = Math.floor(NOW.getTime() / 1000);

const SDK_ALGORITHMS: Record<SignatureMethod, AlgorithmTypes> = {
  md5hash: AlgorithmTypes.md5hash,
  md5: AlgorithmTypes.md5hmac,
  sha1: AlgorithmTypes.sha1hmac,
  sha256: AlgorithmTypes.sha256hmac,
  sha512: AlgorithmTypes.sha512hmac,
};
const sdk = new Vonage({ apiKey: "k", apiSecret: "s" });

const inbound = (overrides: Record<string, string> = {}) => ({
  msisdn: "12025550143",
  to: "18334391183",
  messageId: "0A0000001234567B",
  text: "PLAN & more = fun",
  type: "text",
  keyword: "PLAN",
  "message-timestamp": "2026-09-15 11:59:58",
  timestamp: String(NOW_S),
  nonce: "8a6c-77f1",
  ...overrides,
});

function signed(params: Record<string, string>, method: SignatureMethod = "sha256") {
  return { ...params, sig: signSmsParams(params, SECRET, method) };
}

describe("verifySmsSignature", () => {
  it.each(Object.keys(SDK_ALGORITHMS) as SignatureMethod[])(
    "when a payload is signed with %s, then it verifies with that method",
    (method) => {
      expect(verifySmsSignature(signed(inbound(), method), { secret: SECRET, method, now: NOW })).toEqual({ ok: true });
    },
  );

  it("when the signature is upper-case hex, then it still verifies (Vonage sends either case)", () => {
    const params = signed(inbound());
    expect(verifySmsSignature({ ...params, sig: params.sig.toUpperCase() }, { secret: SECRET, method: "sha256", now: NOW }).ok).toBe(true);
  });

  it.each([
    ["the text was changed", (p: Record<string, string>) => ({ ...p, text: "STOP" })],
    ["a field was added", (p: Record<string, string>) => ({ ...p, extra: "1" })],
    ["the signature is not hex", (p: Record<string, string>) => ({ ...p, sig: "zz" })],
    ["the signature is truncated", (p: Record<string, string>) => ({ ...p, sig: p.sig!.slice(0, 10) })],
  ])("when %s, then it is a mismatch", (_label, tamper) => {
    expect(verifySmsSignature(tamper(signed(inbound())), { secret: SECRET, method: "sha256", now: NOW })).toEqual({
      ok: false,
      problem: "mismatch",
    });
  });

  it("when signed with another secret or another method, then it is a mismatch", () => {
    const params = inbound();
    expect(
      verifySmsSignature({ ...params, sig: signSmsParams(params, "other", "sha256") }, { secret: SECRET, method: "sha256", now: NOW }).ok,
    ).toBe(false);
    expect(verifySmsSignature(signed(params, "sha1"), { secret: SECRET, method: "sha256", now: NOW }).ok).toBe(false);
  });

  it("when sig is absent, then the problem is 'missing'", () => {
    expect(verifySmsSignature(inbound(), { secret: SECRET, method: "sha256", now: NOW })).toEqual({ ok: false, problem: "missing" });
  });

  it("when the signed timestamp is 6 minutes old or 6 minutes ahead, then it is stale; at 5 minutes it passes", () => {
    const at = (offset: number) =>
      verifySmsSignature(signed(inbound({ timestamp: String(NOW_S + offset) })), { secret: SECRET, method: "sha256", now: NOW });
    expect(at(-360)).toEqual({ ok: false, problem: "stale" });
    expect(at(360)).toEqual({ ok: false, problem: "stale" });
    expect(at(-300)).toEqual({ ok: true });
  });

  it("when a signed payload has no timestamp, then it is refused", () => {
    const params = inbound();
    delete (params as Record<string, string>).timestamp;
    expect(verifySmsSignature(signed(params), { secret: SECRET, method: "sha256", now: NOW })).toEqual({
      ok: false,
      problem: "no_timestamp",
    });
  });

  it("when computed by hand per Vonage's documentation, then signSmsParams gives the same HMAC", () => {
    const params = { b: "x=y", a: "1&2", sig: "ignored" };
    const expected = createHmac("sha256", SECRET).update("&a=1_2&b=x_y").digest("hex");
    expect(signSmsParams(params, SECRET, "sha256")).toBe(expected);
    expect(signSmsParams(params, SECRET, "md5hash")).toBe(createHash("md5").update(`&a=1_2&b=x_y${SECRET}`).digest("hex"));
  });

  it("property: our constant-time verdict equals the SDK's verifySignature for any parameters, genuine or tampered", () => {
    const key = fc.stringMatching(/^[a-z][a-z-]{0,11}$/).filter((k) => k !== "sig");
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.string({ maxLength: 30 }), { minKeys: 1, maxKeys: 8 }),
        fc.constantFrom(...(Object.keys(SDK_ALGORITHMS) as SignatureMethod[])),
        fc.boolean(),
        (params, method, tamper) => {
          const genuine = signSmsParams(params, SECRET, method);
          const sig = tamper ? `${genuine.slice(0, -1)}${genuine.endsWith("0") ? "1" : "0"}` : genuine;
          const ours = verifySmsSignature({ ...params, sig }, { secret: SECRET, method, now: NOW });
          const theirs = sdk.sms.verifySignature(sig, { ...params }, SECRET, SDK_ALGORITHMS[method]);
          // Ours goes on to check the timestamp; only "mismatch" is a signature verdict.
          const signatureMatched = ours.ok || ours.problem !== "mismatch";
          expect(signatureMatched).toBe(theirs);
        },
      ),
    );
  });
});

describe("verifyMessagesJwt", () => {
  const body = Buffer.from(JSON.stringify({ message_uuid: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab", text: "PLAN" }));
  const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
  function jwt(payload: Record<string, unknown>, secret = SECRET, alg = "HS256") {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const unsigned = `${enc({ alg, typ: "JWT" })}.${enc(payload)}`;
    return `Bearer ${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
  }
  const claims = (overrides: Record<string, unknown> = {}) => ({
    iat: NOW_S,
    jti: "j1",
    iss: "Vonage",
    payload_hash: sha(body),
    ...overrides,
  });
  const verify = (auth: string | undefined, raw = body) => verifyMessagesJwt(auth, raw, { secret: SECRET, now: NOW });

  it("when the JWT is signed with our secret and hashes this exact body, then it verifies", () => {
    expect(verify(jwt(claims()))).toEqual({ ok: true });
  });

  it("when the body differs by one byte from the one hashed, then it is a mismatch", () => {
    expect(verify(jwt(claims()), Buffer.concat([body, Buffer.from(" ")]))).toEqual({ ok: false, problem: "mismatch" });
  });

  it("when the JWT is signed with another secret, then it is a mismatch", () => {
    expect(verify(jwt(claims(), "not-our-secret"))).toEqual({ ok: false, problem: "mismatch" });
  });

  it("when the header names another algorithm, then it is refused before verification", () => {
    expect(verify(jwt(claims(), SECRET, "none"))).toEqual({ ok: false, problem: "malformed" });
  });

  it("when iat is 10 minutes old, then it is stale", () => {
    expect(verify(jwt(claims({ iat: NOW_S - 600 })))).toEqual({ ok: false, problem: "stale" });
  });

  it("when there is no bearer token, then the problem is 'missing'", () => {
    expect(verify(undefined)).toEqual({ ok: false, problem: "missing" });
    expect(verify("Basic abc")).toEqual({ ok: false, problem: "missing" });
  });
});
