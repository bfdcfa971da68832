import { describe, expect, it } from "vitest";
import { parseBackupArgs } from "../../../app/backup/cli-args";
import { BackupError } from "../../../app/backup/errors";
import { parseSmokeArgs } from "../../../app/ops/smoke-cli";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return "none";
  } catch (err) {
    return err instanceof BackupError ? `${err.code}:${err.exitStatus}` : String(err);
  }
};

describe("backup command line arguments", () => {
  it.each([
    [["backup"], { command: "backup", label: "manual" }],
    [["backup", "--label", "predeploy"], { command: "backup", label: "predeploy" }],
    [["verify"], { command: "verify" }],
    [
      ["restore", "--from", "latest", "--target=postgres://u@db:5432/app", "--yes"],
      { command: "restore", from: "latest", target: "postgres://u@db:5432/app", yes: true },
    ],
  ])("when argv is %j, then it parses to %j", (argv, expected) => {
    expect(parseBackupArgs(argv, {})).toEqual(expected);
  });

  it("when the target is env:NAME, then the URL comes from that variable and never needed argv", () => {
    const parsed = parseBackupArgs(["restore", "--from", "k.pgdump", "--target", "env:TARGET"], { TARGET: "postgres://u:s3cret@db/app" });
    expect(parsed).toMatchObject({ target: "postgres://u:s3cret@db/app", yes: false });
  });

  it("when the target URL has no password, then PGPASSWORD fills it as libpq would", () => {
    expect(parseBackupArgs(["restore", "--from", "latest", "--target", "postgres://u@db/app"], { PGPASSWORD: "p w" })).toMatchObject({
      target: "postgres://u:p%20w@db/app",
    });
  });

  it.each([
    [[], "usage:2"],
    [["restroe"], "usage:2"],
    [["restore", "--target", "postgres://db/app"], "usage:2"],
    [["restore", "--from", "latest"], "usage:2"],
    [["restore", "--from", "latest", "--target", "env:MISSING"], "usage:2"],
    [["restore", "--from", "latest", "--target", "mysql://db/app"], "usage:2"],
    [["backup", "--yes"], "usage:2"],
    [["backup", "--label", "Pre Deploy"], "usage:2"],
  ])("when argv is %j, then it is refused with %s", (argv, expected) => {
    expect(codeOf(() => parseBackupArgs(argv, {}))).toBe(expected);
  });

  it("when a stray database URL is given positionally, then the message does not repeat it", () => {
    try {
      parseBackupArgs(["restore", "postgres://u:topsecret@db/app"], {});
    } catch (err) {
      expect((err as Error).message).not.toContain("topsecret");
      expect((err as Error).message).toContain("(a database URL)");
    }
    expect.assertions(2);
  });
});

describe("smoke command line arguments", () => {
  it("when no --expect-version is given, then APP_VERSION is expected", () => {
    expect(parseSmokeArgs(["--url", "https://app.example.com"], { APP_VERSION: "9f1c2e" })).toEqual({
      url: "https://app.example.com",
      expectVersion: "9f1c2e",
      waitSeconds: 0,
      skipWebhook: false,
      json: false,
    });
  });

  it.each([[[]], [["--url", "app.example.com"]], [["--url", "https://x", "--wait-seconds", "-1"]], [["--nope"]]])(
    "when argv is %j, then it is refused",
    (argv) => {
      expect(() => parseSmokeArgs(argv, {})).toThrow(RangeError);
    },
  );
});
