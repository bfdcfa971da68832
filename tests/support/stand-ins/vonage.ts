// A local Vonage: speaks the SMS API's `POST /sms/json` (Basic auth, the real reply shape, one message entry per
// part) so the official SDK can be pointed at it with restHost, records what was sent, fails on demand
// (throttling, 5xx), and plays Vonage's side of the webhooks: signed inbound texts and delivery receipts.
import { createHash, createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedSms {
  to: string;
  from: string;
  text: string;
  type: string | undefined;
  clientRef: string | undefined;
  /** One id per part, as the real API assigns them. */
  messageIds: string[];
}

export type StandInFailure = "throttled" | "server_error" | "invalid_credentials" | "hang_up";

export type SigningMethod = "md5hash" | "md5" | "sha1" | "sha256" | "sha512";

export interface WebhookDelivery {
  /** How Vonage delivers: GET with a query string, a form POST (what production sends) or a JSON POST. */
  as?: "get" | "form" | "json";
  /** Sign like Vonage does when signed webhooks are enabled. */
  sign?: { secret: string; method: SigningMethod; timestamp?: number };
  /** Messages-API style: `Authorization: Bearer <HS256 JWT>` with payload_hash over the body. */
  jwt?: { secret: string; iat?: number; payloadHash?: string };
}

export interface VonageStandIn {
  /** Base URL to give the SDK as restHost / apiHost. */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Accepted texts, in arrival order. */
  sent: RecordedSms[];
  /** Every `POST /sms/json` seen, accepted or not. */
  requestCount(): number;
  /** The next `times` sends fail this way; later ones succeed. */
  failNext(failure: StandInFailure, times?: number): void;
  waitForSent(count: number, timeoutMs?: number): Promise<RecordedSms[]>;
  /** Delivers an inbound-SMS webhook to `url` the way Vonage does; resolves with our status and body. */
  deliverInbound(url: string, fields: Record<string, string>, delivery?: WebhookDelivery): Promise<{ status: number; body: string }>;
  /** Delivers a delivery receipt for one recorded part. */
  deliverReceipt(url: string, fields: Record<string, string>, delivery?: WebhookDelivery): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startVonageStandIn(options: { apiKey?: string; apiSecret?: string } = {}): Promise<VonageStandIn> {
  const apiKey = options.apiKey ?? "standin-key";
  const apiSecret = options.apiSecret ?? "standin-secret";
  const sent: RecordedSms[] = [];
  const failures: StandInFailure[] = [];
  const waiters: Array<() => void> = [];
  let requests = 0;

  const server: Server = createServer(async (req, res) => {
    if (req.method !== "POST" || !req.url?.startsWith("/sms/json")) return reply(res, 404, { error: "not found" });
    requests++;
    const body = await readBody(req);
    const failure = failures.shift();
    if (failure === "hang_up") {
      req.socket.destroy();
      return;
    }
    if (failure === "server_error") return reply(res, 503, { type: "about:blank", title: "Service Unavailable" });
    const expected = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString("base64")}`;
    if (req.headers.authorization !== expected || failure === "invalid_credentials") {
      return reply(res, 200, { "message-count": "1", messages: [{ status: "4", "error-text": "Bad Credentials" }] });
    }
    if (failure === "throttled") {
      return reply(res, 200, {
        "message-count": "1",
        messages: [{ status: "1", "error-text": "Throughput Rate Exceeded - please wait [ 1000 ] and retry" }],
      });
    }
    const params = parseParams(req.headers["content-type"], body);
    const { to, from, text } = params;
    if (!to || !from || text === undefined) {
      return reply(res, 200, { "message-count": "1", messages: [{ status: "2", "error-text": "Missing to param" }] });
    }
    const parts = text.length <= 160 ? 1 : Math.ceil(text.length / 153);
    const messageIds = Array.from({ length: parts }, () => randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase());
    sent.push({ to, from, text, type: params.type, clientRef: params["client-ref"], messageIds });
    for (const wake of waiters.splice(0)) wake();
    reply(res, 200, {
      "message-count": String(parts),
      messages: messageIds.map((id) => ({
        to,
        "message-id": id,
        status: "0",
        "remaining-balance": "15.53590000",
        "message-price": "0.00790000",
        network: "310260",
        ...(params["client-ref"] ? { "client-ref": params["client-ref"] } : {}),
      })),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiKey,
    apiSecret,
    sent,
    requestCount: () => requests,
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    async waitForSent(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < count) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`stand-in received ${sent.length} texts, expected ${count}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return [...sent];
    },
    deliverInbound: (target, fields, delivery) => deliverWebhook(target, fields, delivery),
    deliverReceipt: (target, fields, delivery) => deliverWebhook(target, fields, delivery),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function deliverWebhook(
  target: string,
  fields: Record<string, string>,
  delivery: WebhookDelivery = {},
): Promise<{ status: number; body: string }> {
  const params: Record<string, string> = { ...fields };
  if (delivery.sign) {
    params.timestamp = String(delivery.sign.timestamp ?? Math.floor(Date.now() / 1000));
    params.nonce = randomUUID();
    params.sig = vonageSignature(params, delivery.sign.secret, delivery.sign.method);
  }
  const as = delivery.as ?? "form";
  const headers: Record<string, string> = { "user-agent": "Nexmo/MessagingHUB/v1.0" };
  let url = target;
  let body: string | undefined;
  if (as === "get") {
    url = `${target}?${new URLSearchParams(params).toString()}`;
  } else if (as === "form") {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(params).toString();
  } else {
    headers["content-type"] = "application/json";
    body = JSON.stringify(params);
  }
  if (delivery.jwt) {
    const hash =
      delivery.jwt.payloadHash ??
      createHash("sha256")
        .update(body ?? "")
        .digest("hex");
    headers.authorization = `Bearer ${hs256Jwt({ iat: delivery.jwt.iat ?? Math.floor(Date.now() / 1000), jti: randomUUID(), iss: "Vonage", payload_hash: hash }, delivery.jwt.secret)}`;
  }
  const res = await fetch(url, { method: as === "get" ? "GET" : "POST", headers, body });
  return { status: res.status, body: await res.text() };
}

/** Vonage's documented signing ("Signing messages"): params but sig sorted by key, `&k=v`, `&`/`=` in values → `_`. */
export function vonageSignature(params: Record<string, string>, secret: string, method: SigningMethod): string {
  const base = Object.keys(params)
    .filter((k) => k !== "sig")
    .sort()
    .map((k) => `&${k}=${(params[k] ?? "").replace(/[&=]/g, "_")}`)
    .join("");
  return method === "md5hash"
    ? createHash("md5")
        .update(base + secret)
        .digest("hex")
    : createHmac(method, secret).update(base).digest("hex");
}

function hs256Jwt(payload: Record<string, unknown>, secret: string): string {
  const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(payload)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      data += chunk;
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function parseParams(contentType: string | undefined, body: string): Record<string, string> {
  if (contentType?.includes("application/json")) {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
