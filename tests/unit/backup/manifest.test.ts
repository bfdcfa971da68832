import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backupKeyFor,
  backupKeyOfManifest,
  compactTimestamp,
  createdAtOfKey,
  manifestKeyFor,
  normalisePrefix,
  pickLatestBackupKey,
  verificationMarkerKey,
} from "../../../app/backup/manifest";

describe("backup keys", () => {
  it("when a backup is named, then the key holds the prefix, a sortable UTC stamp and the label", () => {
    expect(backupKeyFor("backups", new Date("2026-11-28T07:15:00.042Z"), "scheduled")).toBe("backups/20261128T071500042Z-scheduled.pgdump");
    expect(manifestKeyFor("backups/20261128T071500042Z-scheduled.pgdump")).toBe("backups/20261128T071500042Z-scheduled.manifest.json");
  });

  it.each([
    ["", ""],
    ["db", "db/"],
    ["db/", "db/"],
    ["a/b", "a/b/"],
  ])("when the prefix is %j, then keys start with %j", (prefix, expected) => {
    expect(normalisePrefix(prefix)).toBe(expected);
  });

  it("when a label has capitals or spaces, then naming refuses it", () => {
    expect(() => backupKeyFor("", new Date(), "Pre Deploy")).toThrow(RangeError);
  });

  it("when keys are listed, then latest is the newest dump that has a manifest, never an unfinished one", () => {
    const keys = [
      "db/20261126T071500000Z-scheduled.pgdump",
      "db/20261126T071500000Z-scheduled.manifest.json",
      "db/20261127T071500000Z-predeploy.pgdump",
      "db/20261127T071500000Z-predeploy.manifest.json",
      "db/20261128T071500000Z-scheduled.pgdump",
      "db/_status/last-verified.json",
    ];
    expect(pickLatestBackupKey(keys)).toBe("db/20261127T071500000Z-predeploy.pgdump");
    expect(pickLatestBackupKey([])).toBeNull();
  });

  it("when any two instants are stamped, then text order is time order and the time reads back", () => {
    const instant = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [ka, kb] = [backupKeyFor("p/", a, "x"), backupKeyFor("p/", b, "x")];
        expect(ka < kb).toBe(a.getTime() < b.getTime());
        expect(createdAtOfKey(ka)?.getTime()).toBe(a.getTime());
        expect(backupKeyOfManifest(manifestKeyFor(ka))).toBe(ka);
      }),
    );
  });

  it("when the stamp of a key is read, then foreign keys give null", () => {
    expect(compactTimestamp(new Date("2026-01-02T03:04:05.006Z"))).toBe("20260102T030405006Z");
    expect(createdAtOfKey("db/_status/last-verified.json")).toBeNull();
    expect(verificationMarkerKey("db")).toBe("db/_status/last-verified.json");
  });
});
