// Prints the plan page to PDF with Chromium (spec/product.md 6.2): the same HTML and stylesheet, served to the page
// through request interception from an origin that never reaches the network. US Letter, print stylesheet.
import type { Browser } from "playwright";
import { PLAN_STYLESHEET, PLAN_STYLESHEET_PATH } from "./plan-page-style";

// A reserved name (.invalid): even if interception failed, nothing could be fetched from it.
const RENDER_ORIGIN = "http://plan-render.invalid";
const RENDER_PATH = "/plans/render";
/** Printing a 5-meal plan takes well under a second; this only stops a wedged browser from holding a request. */
export const PDF_RENDER_TIMEOUT_MS = 20_000;

export type PdfRenderer = (pageHtml: string) => Promise<Buffer>;

export interface PdfRendererOptions {
  /** The process's shared Chromium (the scraper's BrowserHost.get in compose.ts). */
  getBrowser: () => Promise<Browser>;
}

export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  return async (pageHtml) => {
    const browser = await options.getBrowser();
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(PDF_RENDER_TIMEOUT_MS);
      await page.route("**/*", async (route) => {
        const url = new URL(route.request().url());
        if (url.origin === RENDER_ORIGIN && url.pathname === RENDER_PATH) {
          await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: pageHtml });
        } else if (url.origin === RENDER_ORIGIN && url.pathname === PLAN_STYLESHEET_PATH) {
          await route.fulfill({ status: 200, contentType: "text/css; charset=utf-8", body: PLAN_STYLESHEET });
        } else {
          await route.abort("blockedbyclient");
        }
      });
      await page.goto(`${RENDER_ORIGIN}${RENDER_PATH}`, { waitUntil: "load" });
      await page.emulateMedia({ media: "print" });
      return await page.pdf({ format: "Letter", printBackground: true, preferCSSPageSize: true });
    } finally {
      // Route handlers still in flight can hold close() open; drop them first (as the scraper does).
      await context.unrouteAll({ behavior: "ignoreErrors" }).catch(() => undefined);
      await context.close().catch(() => undefined);
    }
  };
}
