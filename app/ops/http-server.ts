// Starting and draining the HTTP server. On shutdown we stop listening at once (new connections are refused),
// let in-flight requests finish within the grace period, then cut whatever is left.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestHandler } from "express";

export interface DrainState {
  draining: boolean;
}

/** Requests that arrive on an already-open keep-alive socket while draining get 503 and a closed socket. */
export function refuseWhileDraining(state: DrainState): RequestHandler {
  return (_req, res, next) => {
    if (!state.draining) return next();
    res
      .set("Connection", "close")
      .status(503)
      .json({ error: { code: "shutting_down", message: "The server is restarting; retry shortly" } });
  };
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Resolves once every in-flight request ended, or the grace period ran out (then `forced` is true). */
  drain(graceMs: number): Promise<{ forced: boolean }>;
}

export async function listen(handler: RequestListener, port: number, state: DrainState): Promise<RunningServer> {
  const server = createServer(handler);
  // Railway's proxy keeps connections open for up to 60 s; ours must outlive it to avoid 502s on reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "0.0.0.0", () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    drain: (graceMs) => drainServer(server, state, graceMs),
  };
}

function drainServer(server: Server, state: DrainState, graceMs: number): Promise<{ forced: boolean }> {
  state.draining = true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve({ forced: true });
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve({ forced: false });
    });
    server.closeIdleConnections();
  });
}
