// The demo's phone simulator (spec/product.md 7.5): a page where a person texts the bot as a phone number and
// reads its replies. Texts go through the real inbound webhook; replies are the recorded outbound messages
// (MOCK_SMS). compose.ts mounts it only when ENVIRONMENT=development.
import { Router } from "express";
import { z } from "zod";
import { escapeHtml } from "../escape-html";

export interface SimulatedMessage {
  direction: "in" | "out";
  body: string;
  at: string;
}

export interface PhoneSimulatorPorts {
  /** The conversation of one canonical phone, oldest first. */
  listConversation(phone: string): Promise<SimulatedMessage[]>;
  /** Canonicalises what the person typed; throws a typed error for an invalid number. */
  canonicalPhone(input: string): string;
  /** Our number, as Vonage would send it in `to`. */
  ourNumber: string;
  defaultPhone: string;
}

const QuerySchema = z.object({ phone: z.string().min(1).max(32) });

export function phoneSimulatorRouter(ports: PhoneSimulatorPorts): Router {
  const router = Router();
  router.get("/demo/phone", (_req, res) => {
    res.type("html").send(page(ports.defaultPhone, ports.ourNumber));
  });
  router.get("/demo/phone.js", (_req, res) => {
    res.type("application/javascript").send(SCRIPT);
  });
  router.get("/demo/api/conversation", async (req, res) => {
    const { phone } = QuerySchema.parse(req.query);
    const canonical = ports.canonicalPhone(phone);
    res.set("Cache-Control", "no-store").json({ phone: canonical, messages: await ports.listConversation(canonical) });
  });
  return router;
}

function page(defaultPhone: string, ourNumber: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phone simulator - Farm to People meal plans (demo)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#eef2ee;display:flex;justify-content:center}
main{width:min(420px,100%);min-height:100vh;background:#fff;display:flex;flex-direction:column}
header{padding:12px 16px;background:#2f5d3a;color:#fff}header p{margin:4px 0 0;font-size:13px;opacity:.85}
#thread{flex:1;padding:12px;overflow-y:auto;display:flex;flex-direction:column;gap:8px}
.msg{max-width:80%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;word-break:break-word;font-size:15px}
.in{align-self:flex-end;background:#2f7dd1;color:#fff}.out{align-self:flex-start;background:#e6e8e6}
form{display:flex;gap:8px;padding:10px;border-top:1px solid #ddd}input{flex:1;font-size:16px;padding:8px}
label{display:block;padding:8px 16px;font-size:13px}button{font-size:16px;padding:8px 14px}
</style></head><body><main>
<header><strong>Phone simulator</strong><p>Demo only: texts go to the real webhook; replies are recorded, not sent.</p></header>
<label>Your number <input id="phone" value="${escapeHtml(defaultPhone)}" inputmode="tel" autocomplete="off"></label>
<div id="thread" aria-live="polite"></div>
<form id="compose" data-to="${escapeHtml(ourNumber)}"><input id="text" aria-label="Message" placeholder="Text PLAN, HELP, STOP..." autocomplete="off"><button>Send</button></form>
</main><script src="/demo/phone.js"></script></body></html>`;
}

// Served as a file (not inline) so the strict Content-Security-Policy of the other pages applies here too.
const SCRIPT = `
const thread = document.getElementById("thread");
const phone = document.getElementById("phone");
const form = document.getElementById("compose");
const text = document.getElementById("text");
let shown = "";
async function refresh() {
  const res = await fetch("/demo/api/conversation?phone=" + encodeURIComponent(phone.value));
  if (!res.ok) return;
  const { messages } = await res.json();
  const key = JSON.stringify(messages);
  if (key === shown) return;
  shown = key;
  thread.replaceChildren(...messages.map((m) => {
    const div = document.createElement("div");
    div.className = "msg " + m.direction;
    div.textContent = m.body;
    return div;
  }));
  thread.scrollTop = thread.scrollHeight;
}
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!text.value.trim()) return;
  const body = new URLSearchParams({
    msisdn: phone.value.replace(/\\D/g, ""),
    to: form.dataset.to,
    messageId: "sim-" + Date.now() + "-" + Math.random().toString(16).slice(2),
    text: text.value,
    type: "text",
    "message-timestamp": new Date().toISOString().slice(0, 19).replace("T", " "),
  });
  text.value = "";
  await fetch("/webhooks/vonage/inbound", { method: "POST", body });
  refresh();
});
setInterval(refresh, 1000);
refresh();
`;
