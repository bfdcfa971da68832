// A local Sentry ingest endpoint: receives the real envelopes @sentry/node sends to a DSN pointing here
// (POST /api/<project>/envelope/, gzip when large), parses them, and lets tests wait for what arrived.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, inflateSync } from "node:zlib";

export interface EnvelopeItem {
  header: Record<string, unknown> & { type?: string };
  /** Parsed JSON when the payload is JSON, else the raw text. */
  payload: unknown;
}

export interface ReceivedEnvelope {
  projectId: string;
  /** Query parameters of the request (sentry_key, sentry_version, sentry_client). */
  query: Record<string, string>;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  /** The whole decoded body, for "this string never arrives" assertions. */
  raw: string;
}

export interface SentryStandIn {
  /** DSN for Sentry.init: `http://publickey@127.0.0.1:<port>/1`. */
  dsn: string;
  envelopes: ReceivedEnvelope[];
  /** Items of every envelope, with the envelope they came in. */
  items(type?: string): Array<EnvelopeItem & { envelope: ReceivedEnvelope }>;
  waitForItem(predicate: (item: EnvelopeItem) => boolean, timeoutMs?: number): Promise<EnvelopeItem & { envelope: ReceivedEnvelope }>;
  close(): Promise<void>;
}

const ENVELOPE_PATH = /^\/api\/([^/]+)\/envelope\/?$/;

export function parseEnvelope(body: Buffer): Pick<ReceivedEnvelope, "header" | "items"> {
  let offset = 0;
  const readLine = (): Buffer => {
    const end = body.indexOf(0x0a, offset);
    const line = body.subarray(offset, end === -1 ? body.length : end);
    offset = end === -1 ? body.length : end + 1;
    return line;
  };
  const header = JSON.parse(readLine().toString("utf8")) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < body.length) {
    const headerLine = readLine();
    if (headerLine.length === 0) continue;
    const itemHeader = JSON.parse(headerLine.toString("utf8")) as EnvelopeItem["header"];
    let payloadBytes: Buffer;
    // With an explicit length the payload may itself contain newlines (attachments); else it ends at one.
    if (typeof itemHeader.length === "number") {
      payloadBytes = body.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length;
      if (body[offset] === 0x0a) offset += 1;
    } else {
      payloadBytes = readLine();
    }
    const text = payloadBytes.toString("utf8");
    let payload: unknown = text;
    try {
      payload = JSON.parse(text);
    } catch {}
    items.push({ header: itemHeader, payload });
  }
  return { header, items };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const encoding = String(req.headers["content-encoding"] ?? "").toLowerCase();
  if (encoding === "gzip") return gunzipSync(body);
  if (encoding === "deflate") return inflateSync(body);
  return body;
}

export async function startSentryStandIn(): Promise<SentryStandIn> {
  const envelopes: ReceivedEnvelope[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const match = ENVELOPE_PATH.exec(url.pathname);
    if (req.method !== "POST" || !match) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const body = await readBody(req);
    envelopes.push({
      projectId: match[1],
      query: Object.fromEntries(url.searchParams),
      raw: body.toString("utf8"),
      ...parseEnvelope(body),
    });
    for (const wake of waiters.splice(0)) wake();
    res.setHeader("content-type", "application/json");
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const items = (type?: string) =>
    envelopes.flatMap((envelope) => envelope.items.filter((i) => !type || i.header.type === type).map((i) => ({ ...i, envelope })));

  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    envelopes,
    items,
    async waitForItem(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = items().find(predicate);
        if (found) return found;
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no matching Sentry item within ${timeoutMs} ms (received ${envelopes.length} envelopes)`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
