import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { writeOverviewTsv, type OverviewRow } from "./export.ts";
import { syntheticOverviewRows, TEST_OVERVIEW_ROWS } from "./fixtures.ts";
import { parseOverview } from "./overview.ts";
import { MIJN_DUO, planOverview } from "./plan.ts";
import { planToWorld, toYaml, worldToYaml } from "./world.ts";

const planOf = (rows: readonly OverviewRow[]) =>
  planOverview(parseOverview("t.tsv", new TextEncoder().encode(writeOverviewTsv(rows))), {
    asOf: "2024-06-01",
  });

const plan = planOf(TEST_OVERVIEW_ROWS);

/** One overview row of a token user; `extra` sets the columns a test is about. */
const row = (globalId: string, extra: OverviewRow = {}): OverviewRow => ({
  globalId,
  surname: `Test${globalId}`,
  role: "Raadpleger",
  lastLogin: "2024-05-01",
  loginMeans: "DUO Token",
  ...extra,
});

describe("the world file from a plan", () => {
  it("gives every person an EH3 middel, the Mijn DUO machtiging and a token account with roles and BRIN", () => {
    const world = planToWorld(plan);
    expect(world.users).toHaveLength(plan.persons.length);
    const first = world.users[0]!;
    expect(first.middel.level).toBe(MIJN_DUO.to);
    expect(first.organisations[0]!.machtigingen).toEqual([
      { service: MIJN_DUO.service, level: MIJN_DUO.to },
    ]);
    expect(first.duo).toMatchObject({
      roles: ["Beheerder BVE", "Organisatiebeheerder"],
      selections: [
        { role: "Beheerder BVE", kind: "BRINn", value: "99TT" },
        { role: "Organisatiebeheerder" },
      ],
      brin: "99TT",
    });
    expect(world.organisations).toEqual([
      expect.objectContaining({
        name: "TEST organisatie BRINn 99TT (verzonnen KvK)",
        kvk: first.organisations[0]!.kvk,
      }),
    ]);
  });

  it("pseudonymises names, e-mail addresses and inlognamen unless real names are asked for", () => {
    const text = JSON.stringify(planToWorld(plan));
    for (const p of plan.persons) {
      expect(text).not.toContain(p.surname);
      expect(text).not.toContain(p.email);
      expect(text).not.toContain(p.loginName);
    }
    const real = planToWorld(plan, { realNames: true });
    expect(real.users[0]).toMatchObject({
      id: "duo-900001",
      name: "A. Testbeheer",
      duo: { email: "a.testbeheer@example.test", inlognaam: "atestbeheer" },
    });
  });

  it("is the same every run, so a rehearsal can be repeated", () => {
    expect(worldToYaml(planToWorld(plan), "x")).toBe(worldToYaml(planToWorld(plan), "x"));
  });

  it("can be limited to the persons who need a middel", () => {
    expect(planToWorld(plan, { decisions: ["needs-middel"] }).users).toHaveLength(2);
  });

  it("numbers the pseudonyms and their passwords in the plan's order: Testpersoon 001, persoon-001", () => {
    const users = planToWorld(plan).users;
    expect(plan.persons[0]!.globalId).toBe("900001");
    expect(users.slice(0, 2)).toMatchObject([
      {
        id: "persoon-001",
        name: "Testpersoon 001",
        middel: { password: "Test-001-wachtwoord" },
        duo: {
          inlognaam: "persoon001",
          wachtwoord: "Duo-001-test",
          email: "persoon-001@example.test",
        },
      },
      {
        id: "persoon-002",
        name: "Testpersoon 002",
        middel: { password: "Test-002-wachtwoord" },
        duo: {
          inlognaam: "persoon002",
          wachtwoord: "Duo-002-test",
          email: "persoon-002@example.test",
        },
      },
    ]);
  });

  it("invents numbers in their real shapes: KvK 8 digits and RSIN 9 digits starting with 99, SMS and token codes of 6 digits", () => {
    const world = planToWorld(planOf(syntheticOverviewRows(60, 1)));
    for (const o of world.organisations) {
      expect(o.kvk).toMatch(/^99\d{6}$/);
      expect(o.rsin).toMatch(/^99\d{7}$/);
    }
    for (const u of world.users) {
      expect(u.middel.secondFactor).toMatch(/^\d{6}$/);
      expect(u.duo.tokenCode).toMatch(/^\d{6}$/);
    }
  });

  it("gives each person their own SMS and token codes, and each organisation its own KvK number and RSIN", () => {
    const rows = syntheticOverviewRows(40, 1).map((r, i) => ({
      ...r,
      organisationCode: `9${i % 4}TT`,
    }));
    const world = planToWorld(planOf(rows));
    const distinct = (values: readonly string[]) => new Set(values).size;
    expect(world.users).toHaveLength(40);
    expect(distinct(world.users.map((u) => u.middel.secondFactor))).toBeGreaterThan(35);
    expect(distinct(world.users.map((u) => u.duo.tokenCode))).toBeGreaterThan(35);
    expect(world.organisations).toHaveLength(4);
    expect(distinct(world.organisations.map((o) => o.kvk))).toBe(4);
    expect(distinct(world.organisations.map((o) => o.rsin))).toBe(4);
  });

  it("gives organisations whose codes make the same invented number different KvK numbers", () => {
    // "BRINn 01IJ" and "BRINn 09LA" hash to the same six digits.
    const world = planToWorld(
      planOf([
        row("1", { organisationType: "BRINn", organisationCode: "01IJ" }),
        row("2", { organisationType: "BRINn", organisationCode: "09LA" }),
      ]),
    );
    const [first, second] = world.organisations;
    expect(first!.kvk).toMatch(/^99\d{6}$/);
    expect(second!.kvk).toBe(
      `99${String((Number(first!.kvk.slice(2)) + 1) % 1_000_000).padStart(6, "0")}`,
    );
    expect(world.users.map((u) => u.organisations[0]!.kvk)).toEqual([first!.kvk, second!.kvk]);
  });

  it("takes the BRIN from an organisation of a BRIN kind, else a BRIN selection, else the first organisation's code, else none", () => {
    const bestuur = { organisationType: "BESTUURSNUMMER", organisationCode: "99001" };
    const brin = (code: string) => ({ organisationType: "BRINn", organisationCode: code });
    const selection = (kind: string, value: string) => ({
      selectionKind: kind,
      selectionValue: value,
    });
    const world = planToWorld(
      planOf([
        row("1", { ...bestuur, ...selection("BRINn", "11AA") }),
        row("1", { ...brin("12AB"), role: "Beheerder BVE" }),
        row("2", { ...brin(""), ...selection("onderwijssoort", "VO") }),
        row("2", { ...brin(""), role: "Beheerder BVE", ...selection("BRINn", "") }),
        row("2", { ...brin(""), role: "Examensecretaris BVE", ...selection("BRINn", "21BC") }),
        row("3", { ...bestuur, ...selection("onderwijssoort", "VO") }),
        row("4"),
      ]),
      { realNames: true },
    );
    const byId = Object.fromEntries(world.users.map((u) => [u.id, u]));
    expect(byId["duo-1"]!.duo.brin).toBe("12AB");
    expect(byId["duo-2"]!.duo.brin).toBe("21BC");
    expect(byId["duo-3"]!.duo.brin).toBe("99001");
    expect(byId["duo-4"]!.duo.brin).toBe("onbekend");
    expect(world.organisations.map((o) => o.name)).toContain(
      "TEST organisatie zonder code (verzonnen KvK)",
    );
  });

  it("makes a real-name id from the GLOBALID's letters, digits and . + - (at most 40), the number when none is left, a suffix when two are the same", () => {
    const long = "7".repeat(50);
    const p = planOf([row("A/1"), row("A1"), row("//"), row("Ré.9+x"), row(long)]);
    const ids = planToWorld(p, { realNames: true }).users.map((u) => u.id);
    // The number is the person's place in the plan (sorted by name), from 001.
    const place = (globalId: string) =>
      String(p.persons.findIndex((q) => q.globalId === globalId) + 1).padStart(3, "0");
    const idOf = Object.fromEntries(p.persons.map((q, i) => [q.globalId, ids[i]]));
    const [firstA1, secondA1] = ["A/1", "A1"].sort((x, y) => place(x).localeCompare(place(y)));
    expect(idOf[firstA1!]).toBe("duo-A1");
    expect(idOf[secondA1!]).toBe(`duo-A1-${place(secondA1!)}`);
    expect(idOf["//"]).toBe(`duo-${place("//")}`);
    expect(idOf["Ré.9+x"]).toBe("duo-Re.9+x");
    expect(idOf[long]).toBe(`duo-${"7".repeat(40)}`);
  });

  it("gives every token account the sector roc unless another is asked for", () => {
    expect(planToWorld(plan).users.map((u) => u.duo.sector)).toEqual(plan.persons.map(() => "roc"));
    expect(planToWorld(plan, { sector: "aoc" }).users[0]!.duo.sector).toBe("aoc");
  });

  it("copies each person's last login and login means into the token account, and leaves them out when the overview has none", () => {
    const world = planToWorld(planOf([row("1"), row("2", { lastLogin: "", loginMeans: "" })]), {
      realNames: true,
    });
    const byId = Object.fromEntries(world.users.map((u) => [u.id, u.duo]));
    expect(byId["duo-1"]).toMatchObject({ lastLogin: "2024-05-01", loginMeans: "DUO Token" });
    expect(byId["duo-2"]).not.toHaveProperty("lastLogin");
    expect(byId["duo-2"]).not.toHaveProperty("loginMeans");
  });

  it("writes the world file as YAML that reads back as the world, under the note as comments", () => {
    const world = planToWorld(plan);
    const yaml = worldToYaml(world, "TEST world\npseudonymised");
    expect(yaml.startsWith("# TEST world\n# pseudonymised\n")).toBe(true);
    expect(parse(yaml)).toEqual(JSON.parse(JSON.stringify(world)));
  });
});

describe("YAML", () => {
  it("writes values that YAML would otherwise read as another type or syntax as plain strings", () => {
    const tricky = {
      a: ["yes", "no", "0612", "#1", "a: b", "- x", 'q"uote', "new\nline", "€é", ""],
      b: [],
      c: {},
      d: 3,
      e: true,
    };
    expect(parse(toYaml(tricky, "note"))).toEqual(tricky);
  });

  it("writes objects and lists inside objects and lists so they read back as written", () => {
    const nested = {
      users: [
        { id: "a", middel: { level: "x", n: 1 }, lists: [["a", "b"], [], [{ k: "v" }]] },
        { id: "b", empty: {}, nothing: null },
      ],
      top: { inner: { deeper: [{ a: 1, b: [true, false] }], last: "z" } },
      "#hash": 1,
      "a: b": 2,
      "x #": 3,
      "two words": 4,
    };
    expect(parse(toYaml(nested))).toEqual(nested);
  });

  it("leaves out keys whose value is undefined, and writes an object with none left as {}", () => {
    expect(parse(toYaml({ a: undefined, b: { c: undefined }, d: 1 }))).toEqual({ b: {}, d: 1 });
  });

  it("writes block style: two spaces a level, list items under their key, plain keys, quoted strings, one comment line per line of the note", () => {
    expect(toYaml({ a: { b: ["x", { c: 1, d: [] }], e: null }, "f g": "h" }, "one\n\ntwo\n")).toBe(
      [
        "# one",
        "# two",
        "a:",
        "  b:",
        '    - "x"',
        "    - c: 1",
        "      d: []",
        "  e: null",
        '"f g": "h"',
        "",
      ].join("\n"),
    );
    expect(toYaml([["a"], "b"])).toBe('-\n  - "a"\n- "b"\n');
  });
});
