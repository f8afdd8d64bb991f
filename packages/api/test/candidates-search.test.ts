/**
 * Text search over candidates: case- and accent-insensitive in every script and fuzzy ("Jon" finds "John"), on this
 * run's database and on databases created with the C locale (where PostgreSQL's lower() leaves "Å" as it is and
 * pg_trgm sees no letters beyond ASCII) and, when the server has one, a UTF-8 locale.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { databaseEnv, loadConfig } from "@shortlist/config";
import { initOrm, SEARCH_WORD_SIMILARITY, type MikroORM } from "@shortlist/db";
import { createUser, signIn, callerFor, testDeps, useTestApi, type Caller } from "./helpers";

const api = useTestApi();

interface LocaleDatabase {
  locale: string;
  orm: MikroORM;
  caller: Caller;
}
const databases: LocaleDatabase[] = [];

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const { host, port, user, password, maintenanceDb } = inject("testDatabase");
  const client = new pg.Client({ host, port, user, password, database: maintenanceDb });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database of its own in `locale`, migrated, with a signed-in recruiter (as the owner: locale is what matters). */
async function localeDatabase(locale: string): Promise<LocaleDatabase> {
  const server = inject("testDatabase");
  const dbName = `${server.prefix}search_${randomBytes(4).toString("hex")}`;
  await admin((client) =>
    client.query(
      `create database ${pg.escapeIdentifier(dbName)} template template0 encoding 'UTF8'
         lc_collate ${pg.escapeLiteral(locale)} lc_ctype ${pg.escapeLiteral(locale)}`,
    ),
  );
  const config = loadConfig({ NODE_ENV: "test", ...databaseEnv({ ...server, dbName }) }, { readFiles: false }).database;
  const orm = await initOrm(config);
  await orm.migrator.up();
  const deps = testDeps({ orm, config });
  const user = await createUser(orm, "recruiter");
  return { locale, orm, caller: callerFor(deps, { sessionToken: await signIn(deps, user.email) }) };
}

/** A UTF-8 libc locale the server knows, if any (names differ between systems). */
async function utf8Locale(): Promise<string | null> {
  const rows = await admin((client) =>
    client.query<{ collname: string }>(
      `select collname from pg_collation where collprovider = 'c' and collname ~* '^(c|en_us)\\.utf-?8$'
        order by collname limit 1`,
    ),
  );
  return rows.rows[0]?.collname ?? null;
}

const PEOPLE = [
  ["Zoë Ångström", "zoe@example.com"],
  ["John Smith", "jsmith@example.com"],
  ["Jonathan Fuzz", "jonathan@fuzz.test"],
  ["Heinz Straße", "heinz@example.de"],
  ["Łukasz Żółć", "lukasz@example.pl"],
  ["Пётр Иванов", "petr@example.ru"],
  ["Οδυσσεύς Παπαδόπουλος", "odysseas@example.gr"],
  ["山田 太郎", "yamada@example.jp"],
  ["Bob 100% Sure", "bob@example.com"],
  ["Cy_Under", "cy@example.com"],
] as const;

beforeAll(async () => {
  const caller = callerFor(api.deps, {
    sessionToken: await signIn(api.deps, (await api.createUser("recruiter")).email),
  });
  databases.push({ locale: "this run's database", orm: api.db.orm, caller });
  databases.push(await localeDatabase("C"));
  const utf8 = await utf8Locale();
  if (utf8) databases.push(await localeDatabase(utf8));
  for (const { caller } of databases)
    for (const [name, email] of PEOPLE) await caller.candidates.create({ name, email });
}, 120_000);

afterAll(async () => {
  // The databases themselves are dropped with the run's prefix at teardown.
  for (const { orm } of databases.slice(1)) await orm.close(true);
});

/** Names found, best match first (a search sorts by relevance unless told otherwise). */
const ranked = async (caller: Caller, search: string) =>
  (await caller.candidates.list({ search, limit: 50 })).items.map((c) => c.name);

test("the fuzzy threshold is set on every connection", async () => {
  for (const { orm } of databases) {
    const [row] = await orm.em
      .fork()
      .execute<{ t: string }[]>("select current_setting('pg_trgm.word_similarity_threshold') as t");
    expect(Number(row!.t)).toBe(SEARCH_WORD_SIMILARITY);
  }
});

test("case and accents never matter, in any script, in every locale: the person comes first", async () => {
  const first: [string, string][] = [
    ["angstrom", "Zoë Ångström"],
    ["ÅNGSTRÖM", "Zoë Ångström"],
    ["Ångström", "Zoë Ångström"],
    ["zoë", "Zoë Ångström"],
    ["ZOE@EXAMPLE", "Zoë Ångström"],
    ["strasse", "Heinz Straße"],
    ["STRAẞE", "Heinz Straße"],
    ["lukasz zolc", "Łukasz Żółć"],
    ["ŁUKASZ", "Łukasz Żółć"],
    ["петр", "Пётр Иванов"],
    ["ПЁТР", "Пётр Иванов"],
    ["ΟΔΥΣΣΕΥΣ", "Οδυσσεύς Παπαδόπουλος"],
    ["太郎", "山田 太郎"],
  ];
  for (const { locale, caller } of databases) {
    for (const [term, name] of first) {
      expect({ locale, term, first: (await ranked(caller, term))[0] }).toEqual({ locale, term, first: name });
    }
  }
});

test("% and _ are taken literally, and a term like no one finds no one", async () => {
  for (const { locale, caller } of databases) {
    for (const [term, names] of [
      ["0% s", ["Bob 100% Sure"]],
      ["%", ["Bob 100% Sure"]],
      ["_", ["Cy_Under"]],
      ["nobody-here", []],
      ["xq", []],
    ] as const) {
      expect({ locale, term, found: await ranked(caller, term) }).toEqual({ locale, term, found: names });
    }
  }
});

test("fuzzy: a near spelling finds the name; containing the term ranks above being similar to it", async () => {
  for (const { locale, caller } of databases) {
    const found = await ranked(caller, "Jon");
    expect({ locale, found }).toEqual({ locale, found: expect.arrayContaining(["John Smith", "Jonathan Fuzz"]) });
    expect(found.indexOf("Jonathan Fuzz")).toBeLessThan(found.indexOf("John Smith"));
    expect((await ranked(caller, "Angstrm"))[0]).toBe("Zoë Ångström");
    expect((await ranked(caller, "Jonatan"))[0]).toBe("Jonathan Fuzz");
  }
});

test("pages by relevance follow on from each other: every match once, in the order of one long page", async () => {
  for (const { locale, caller } of databases) {
    const tag = `pager${locale.length}`;
    const names = [
      ...Array.from({ length: 7 }, (_, i) => `Marta ${tag} ${i}`),
      ...Array.from({ length: 5 }, (_, i) => `Martha ${tag} ${i}`),
      ...Array.from({ length: 4 }, (_, i) => `Martina ${tag} ${i}`),
    ];
    for (const [i, name] of names.entries()) await caller.candidates.create({ name, email: `${tag}-${i}@pages.test` });
    const search = "marta";
    const whole = (await caller.candidates.list({ search, limit: 200 })).items.map((c) => c.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Caller["candidates"]["list"]>> = await caller.candidates.list({
        search,
        limit: 3,
        cursor,
      });
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect({ locale, paged }).toEqual({ locale, paged: whole });
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged.length).toBeGreaterThanOrEqual(names.length);
  }
});

test("a new name is found at once, the old one no longer; imported rows are searchable", async () => {
  const { caller } = databases[0]!;
  const created = await caller.candidates.create({ name: "Renée Before", email: "x1@update.test" });
  await caller.candidates.update({ id: created.id, version: created.version, name: "Øystein After" });
  expect(await ranked(caller, "renee")).not.toContain("Øystein After");
  expect((await ranked(caller, "OYSTEIN"))[0]).toBe("Øystein After");

  const result = await caller.candidates.importBatch({
    rows: [
      { line: 2, data: { name: "Ærøskøbing Import", email: "aero@import.test", role: "Sailor", company: "Port" } },
    ],
  });
  expect(result.created).toBe(1);
  expect((await ranked(caller, "aeroskobing"))[0]).toBe("Ærøskøbing Import");
});

test("erasure leaves nothing of the name or email to search by", async () => {
  const admin = (await api.signedIn("admin")).caller;
  const gone = await admin.candidates.create({ name: "Søren Erased", email: "soren@erase.test" });
  expect((await ranked(admin, "soren erased"))[0]).toBe("Søren Erased");
  await admin.candidates.erase({ id: gone.id });
  expect(await ranked(admin, "soren")).toEqual([]);
  const [row] = await api.db.orm.em
    .fork()
    .execute<{ search_key: string }[]>("select search_key from candidates where id = ?", [gone.id]);
  expect(row!.search_key).not.toMatch(/soren|erase\.test/);
});
