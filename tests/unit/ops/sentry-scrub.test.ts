import type { ErrorEvent } from "@sentry/node";
import { describe, expect, it } from "vitest";
import {
  createPhoneHasher,
  REDACTED,
  type StreamedSpan,
  scrubBreadcrumb,
  scrubEvent,
  scrubSpan,
  scrubUrl,
  scrubValue,
} from "../../../app/ops/sentry-scrub";

const hash = createPhoneHasher("k".repeat(32));

describe("the keyed phone hash", () => {
  it("when the same phone is written differently, then the hash is the same, and it differs under another key", () => {
    expect(hash("+1 (212) 555-0123")).toBe(hash("12125550123"));
    expect(hash("+12125550123")).toMatch(/^ph_[0-9a-f]{16}$/);
    expect(createPhoneHasher("j".repeat(32))("+12125550123")).not.toBe(hash("+12125550123"));
  });
});

describe("URLs in reports", () => {
  it.each([
    ["https://app.example.com/plans/pt_8f2KQ9xLmN3vR7wZ1aB4?format=pdf", "https://app.example.com/plans/[redacted]"],
    ["/webhooks/vonage/inbound?msisdn=12125550123&text=hi", "/webhooks/vonage/inbound"],
    ["/admin/users/%2B12125550123", "/admin/users/[redacted]"],
    ["postgres://app:s3cr3t@db:5432/app", "postgres://db:5432/app"],
    ["GET /plans/:token", "GET /plans/:token"],
    ["/health", "/health"],
  ])("when %s is reported, then it reads %s", (input, expected) => {
    expect(scrubUrl(input)).toBe(expected);
  });
});

describe("values in extra data and contexts", () => {
  it("when keys name secrets, bodies or phones, then values are dropped or hashed and free text is masked", () => {
    expect(
      scrubValue(
        {
          password: "hunter2",
          ftpPassword: "x",
          apiKey: "k",
          text: "PLAN please",
          msisdn: "12125550123",
          to: "+12125550123",
          nested: { authorization: "Bearer x", note: "call +1 212 555 0123" },
          cartItemCount: 7,
          stage: "plan",
        },
        hash,
      ),
    ).toEqual({
      password: REDACTED,
      ftpPassword: REDACTED,
      apiKey: REDACTED,
      text: REDACTED,
      msisdn: hash("12125550123"),
      to: hash("12125550123"),
      nested: { authorization: REDACTED, note: "call ***23" },
      cartItemCount: 7,
      stage: "plan",
    });
  });
});

describe("whole events", () => {
  const event: ErrorEvent = {
    type: undefined,
    message: "failed for +12125550123",
    user: { id: "+12125550123", email: "a@b.c", ip_address: "1.2.3.4", username: "jane" },
    request: {
      method: "POST",
      url: "https://x.test/api/signup?token=abc",
      data: { phone: "+12125550123", ftpPassword: "pw" },
      cookies: { sid: "c" },
      query_string: "token=abc",
      headers: { authorization: "Bearer k", cookie: "sid=c", "user-agent": "ua", "x-vonage-signature": "s" },
    },
    contexts: {
      trace: { trace_id: "0123456789abcdef0123456789abcdef", span_id: "1234567890123456" },
      pipeline: { stage: "plan", phone: "+12125550123" },
    },
    exception: {
      values: [
        {
          type: "Error",
          value: "connect postgres://u:p@h/db failed",
          stacktrace: { frames: [{ function: "f", vars: { password: "pw" } }] },
        },
      ],
    },
    breadcrumbs: [
      { category: "console", message: "printed +12125550123" },
      { category: "http", data: { url: "https://api.test/x?key=1", method: "GET" } },
    ],
  };
  const out = scrubEvent(event, hash);

  it("when a request is attached, then only the method, the cleaned URL and safe headers remain", () => {
    expect(out.request).toEqual({ method: "POST", url: "https://x.test/api/signup", headers: { "user-agent": "ua" } });
  });

  it("when a user is attached, then only the hashed id remains", () => {
    expect(out.user).toEqual({ id: hash("+12125550123") });
  });

  it("when the SDK's trace context holds long hex ids, then they are kept intact while our contexts are scrubbed", () => {
    expect(out.contexts?.trace).toEqual(event.contexts?.trace);
    expect(out.contexts?.pipeline).toEqual({ stage: "plan", phone: hash("+12125550123") });
  });

  it("when exceptions carry credentials or local variables, then both are removed", () => {
    expect(out.exception?.values?.[0]?.value).toBe("connect postgres://***@h/db failed");
    expect(out.exception?.values?.[0]?.stacktrace?.frames?.[0]).toEqual({ function: "f" });
  });

  it("when breadcrumbs were recorded, then console ones are dropped and URLs lose their query", () => {
    expect(out.breadcrumbs).toEqual([{ category: "http", data: { url: "https://api.test/x", method: "GET" } }]);
    expect(out.message).toBe("failed for ***23");
  });

  it("when a job registered sensitive values, then they are cut out of messages and exceptions", () => {
    const withValues = scrubEvent(
      { ...event, message: "could not parse: PLAN for four", sdkProcessingMetadata: { redactValues: { 0: "PLAN for four" } } },
      hash,
    );
    expect(withValues.message).toBe(`could not parse: ${REDACTED}`);
  });
});

describe("streamed spans", () => {
  it("when a span holds a URL with a token, query attributes and auth headers, then they are cleaned or dropped", () => {
    const span = {
      trace_id: "t",
      span_id: "s",
      name: "GET /plans/pt_8f2KQ9xLmN3vR7wZ1aB4",
      start_timestamp: 1,
      status: "ok",
      is_segment: true,
      attributes: {
        "url.full": { value: "http://x/plans/pt_8f2KQ9xLmN3vR7wZ1aB4?format=pdf", type: "string" },
        "url.query": { value: "format=pdf", type: "string" },
        "http.request.header.authorization": { value: ["Bearer k"], type: "array" },
        "http.request.method": { value: "GET", type: "string" },
      },
    } as StreamedSpan;
    expect(scrubSpan(span, hash)).toMatchObject({
      name: "GET /plans/[redacted]",
      attributes: {
        "url.full": { value: "http://x/plans/[redacted]", type: "string" },
        "http.request.method": { value: "GET", type: "string" },
      },
    });
    expect(Object.keys(scrubSpan(span, hash).attributes)).toEqual(["url.full", "http.request.method"]);
  });

  it("when an http breadcrumb carries a query attribute, then it is removed", () => {
    expect(scrubBreadcrumb({ category: "http", data: { url: "/x?a=1", "http.query": "a=1" } }, hash)).toEqual({
      category: "http",
      data: { url: "/x" },
    });
  });
});
