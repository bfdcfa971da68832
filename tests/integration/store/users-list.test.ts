// users.list: keyset pages in id order, for the admin API's user listing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePhone } from "../../../app/identity";
import { buildKeyring } from "../../../app/security/crypto";
import { createRepositories, type Database, type Repositories } from "../../../app/store";
import { migratedTestDatabase } from "../../support/db";

describe("listing users page by page", () => {
  let database: Database;
  let repos: Repositories;

  beforeAll(async () => {
    database = await migratedTestDatabase("integration/store/users-list");
    repos = createRepositories(database, {
      keyring: buildKeyring({ current: Buffer.alloc(32, 1).toString("base64") }),
      now: () => new Date(),
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("when there are no users, then the first page is empty", async () => {
    await expect(repos.users.list({ limit: 10 })).resolves.toEqual([]);
  });

  it("when pages follow the last id seen, then every user appears exactly once, in id order", async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await repos.users.create({ phone: parsePhone(`(202) 555-016${i}`) }));
    const ids = created.map((u) => u.id).sort();

    const first = await repos.users.list({ limit: 2 });
    const second = await repos.users.list({ limit: 2, afterId: first[1]!.id });
    const third = await repos.users.list({ limit: 2, afterId: second[1]!.id });
    expect([first, second, third].map((page) => page.length)).toEqual([2, 2, 1]);
    expect([...first, ...second, ...third].map((u) => u.id)).toEqual(ids);
    expect(third[0]).toMatchObject({ id: ids[4], phone: created.find((u) => u.id === ids[4])!.phone, state: "pending" });
    await expect(repos.users.list({ limit: 2, afterId: ids[4] })).resolves.toEqual([]);
  });
});
