// A local OpenAI-compatible server for tests and benches (notes/machine.md §7): POST /v1/responses and
// POST /v1/chat/completions answered from a script of replies (valid or invalid plans, raw text, refusals,
// HTTP errors, delays), recording every request body. The official SDK reaches it through its baseURL.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type StandInReply =
  | { plan: unknown; model?: string }
  | { text: string }
  | { refusal: string }
  | { status: number; error?: { message: string; type: string } }
  | { delayMs: number; reply: StandInReply };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface OpenAiStandIn {
  /** For the SDK: `new OpenAI({ baseURL, apiKey: "test" })`. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Queue replies; each request takes the next one, then `fallbackReply` when the queue is empty. */
  enqueue(...replies: StandInReply[]): void;
  fallbackReply: StandInReply;
  close(): Promise<void>;
}

export async function startOpenAiStandIn(options: { fallbackReply?: StandInReply } = {}): Promise<OpenAiStandIn> {
  const queue: StandInReply[] = [];
  const requests: RecordedRequest[] = [];
  const state = { fallbackReply: options.fallbackReply ?? ({ status: 500 } as StandInReply) };

  const server: Server = createServer(async (req, res) => {
    const body = await readJson(req);
    const path = req.url ?? "";
    if (req.method !== "POST" || (path !== "/v1/responses" && path !== "/v1/chat/completions")) {
      send(res, 404, { error: { message: "not found", type: "invalid_request_error" } });
      return;
    }
    requests.push({ path, authorization: req.headers.authorization, body });
    await answer(req, res, path, body, queue.shift() ?? state.fallbackReply);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    get fallbackReply() {
      return state.fallbackReply;
    },
    set fallbackReply(reply: StandInReply) {
      state.fallbackReply = reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Record<string, unknown>,
  reply: StandInReply,
): Promise<void> {
  if ("delayMs" in reply) {
    const finished = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(true), reply.delayMs);
      // The client gave up (its timeout): stop waiting, there is nobody to answer.
      req.socket.once("close", () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (finished) await answer(req, res, path, body, reply.reply);
    return;
  }
  if ("status" in reply) {
    send(res, reply.status, {
      error: { message: reply.error?.message ?? "stand-in failure", type: reply.error?.type ?? "server_error", code: null, param: null },
    });
    return;
  }
  const model = ("model" in reply ? reply.model : undefined) ?? String(body.model ?? "stand-in-model");
  const text = "plan" in reply ? JSON.stringify(reply.plan) : "text" in reply ? reply.text : null;
  const refusal = "refusal" in reply ? reply.refusal : null;
  if (path === "/v1/responses") {
    const content = refusal !== null ? [{ type: "refusal", refusal }] : [{ type: "output_text", text, annotations: [] }];
    send(res, 200, {
      id: `resp_${randomUUID()}`,
      object: "response",
      created_at: Math.floor(Date.now() / 1000),
      status: "completed",
      model,
      output: [{ type: "message", id: `msg_${randomUUID()}`, status: "completed", role: "assistant", content }],
      usage: { input_tokens: 1000, output_tokens: 500, total_tokens: 1500 },
    });
    return;
  }
  send(res, 200, {
    id: `chatcmpl-${randomUUID()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, finish_reason: "stop", logprobs: null, message: { role: "assistant", content: text, refusal } }],
    usage: { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 },
  });
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "x-request-id": `req_${randomUUID()}`,
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}
