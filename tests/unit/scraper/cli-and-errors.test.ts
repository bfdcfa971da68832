import { describe, expect, it } from "vitest";
import { resolveChromiumPath } from "../../../app/scraper/browser";
import { CliUsageError, parseScrapeArgs } from "../../../app/scraper/cli-args";
import { holdsCredentials, snapshotStem } from "../../../app/scraper/failure-snapshot";
import { exitCodeOf, SCRAPE_ERROR_CODES } from "../../../app/scraper/scrape-errors";

describe("exit codes", () => {
  it("when each error code maps to an exit status, then it is the contract's table", () => {
    expect(Object.fromEntries(SCRAPE_ERROR_CODES.map((code) => [code, exitCodeOf(code)]))).toEqual({
      invalid_credentials: 10,
      site_unavailable: 11,
      layout_changed: 12,
      timeout: 13,
      internal: 1,
    });
  });
});

describe("parseScrapeArgs", () => {
  it.each([
    [[], { baseUrl: null, timeoutMs: null, pretty: false }],
    [["--base-url", "http://127.0.0.1:4000/"], { baseUrl: "http://127.0.0.1:4000", timeoutMs: null, pretty: false }],
    [["--timeout-ms=5000", "--pretty"], { baseUrl: null, timeoutMs: 5000, pretty: true }],
  ])("when argv is %j, then the options are %j", (argv, expected) => {
    expect(parseScrapeArgs(argv)).toEqual(expected);
  });

  it.each([[["--timeout-ms", "soon"]], [["--base-url", "ftp://x"]], [["--base-url"]], [["--password", "hunter2"]]])(
    "when argv is %j, then it is a usage error that never echoes the argument",
    (argv) => {
      const error = (() => {
        try {
          parseScrapeArgs(argv);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(CliUsageError);
      expect((error as Error).message).not.toContain("hunter2");
    },
  );
});

describe("failure snapshot names and checks", () => {
  it("when a job id holds odd characters, then the file stem keeps only safe ones and the step", () => {
    expect(snapshotStem("job/../42 x", "customize")).toBe("job____42_x-customize");
  });

  it.each([
    ["<p>NORMAL@example.com</p>", true],
    ["<p>correct horse</p>", true],
    ["<p>[redacted]</p>", false],
  ])("when the HTML is %j, then holding credentials is %s", (html, expected) => {
    expect(holdsCredentials(html, "normal@example.com", "correct horse")).toBe(expected);
  });
});

describe("resolveChromiumPath", () => {
  const cases: Array<[string | undefined, boolean, string | undefined]> = [
    ["/opt/chrome", true, "/opt/chrome"],
    [undefined, true, "/usr/bin/chromium"],
    [undefined, false, undefined],
  ];
  it.each(cases)("when CHROMIUM_PATH is %j and the system binary exists is %s, then the binary is %j", (configured, exists, expected) => {
    expect(resolveChromiumPath(configured, () => exists)).toBe(expected);
  });
});
