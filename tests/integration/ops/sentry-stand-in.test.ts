import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SentryStandIn, startSentryStandIn } from "../../support/stand-ins/sentry";

describe("the Sentry stand-in", () => {
  let standIn: SentryStandIn;
  beforeAll(async () => {
    standIn = await startSentryStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });

  it("when a gzip envelope holds an event and a sized attachment with newlines, then both items are parsed", async () => {
    const attachment = "line one\nline two";
    const body = [
      JSON.stringify({ event_id: "abc", dsn: standIn.dsn }),
      JSON.stringify({ type: "event" }),
      JSON.stringify({ message: "hello", level: "info" }),
      JSON.stringify({ type: "attachment", length: Buffer.byteLength(attachment), filename: "a.txt" }),
      attachment,
    ].join("\n");
    const port = new URL(standIn.dsn).port;
    const res = await fetch(`http://127.0.0.1:${port}/api/7/envelope/?sentry_key=publickey&sentry_version=7`, {
      method: "POST",
      headers: { "content-encoding": "gzip", "content-type": "application/x-sentry-envelope" },
      body: gzipSync(body),
    });
    expect(res.status).toBe(200);
    const item = await standIn.waitForItem((i) => i.header.type === "attachment");
    expect(item.payload).toBe(attachment);
    expect(item.envelope.projectId).toBe("7");
    expect(item.envelope.query).toEqual({ sentry_key: "publickey", sentry_version: "7" });
    expect(standIn.items("event").map((i) => i.payload)).toEqual([{ message: "hello", level: "info" }]);
  });

  it("when something other than an envelope is posted, then 404", async () => {
    const port = new URL(standIn.dsn).port;
    expect((await fetch(`http://127.0.0.1:${port}/api/1/store/`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
