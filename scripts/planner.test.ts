import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import supertest from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeOverviewTsv, type OverviewRow } from "../eherkenning/planner/export.ts";
import { TEST_OVERVIEW_ROWS } from "../eherkenning/planner/fixtures.ts";
import { loadWorldConfig } from "../mock-idp/makelaar/config.ts";
import { createMijnDuo } from "../mock-idp/replica/duo/app.ts";
import { WorldState } from "../mock-idp/world/state.ts";
import { main } from "./planner.ts";

let dir: string;
let overview: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "planner-"));
  overview = join(dir, "overzicht.tsv");
  await writeFile(overview, writeOverviewTsv(TEST_OVERVIEW_ROWS));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((s: string) => void out.push(s));
  const error = vi.spyOn(console, "error").mockImplementation((s: string) => void err.push(s));
  try {
    const code = await main(args);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("npm run planner", () => {
  it("--json prints the persons and the summary in the public shape", async () => {
    const { code, out } = await run([overview, "--date", "2024-06-01", "--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      persons: Record<string, unknown>[];
      summary: Record<string, unknown>;
    };
    expect(Object.keys(json.persons[0]!)).toEqual(
      expect.arrayContaining([
        "globalId",
        "name",
        "email",
        "roles",
        "lastLogin",
        "loginMeans",
        "decision",
      ]),
    );
    expect(json.persons.map((p) => p.decision)).toEqual([
      "needs-middel",
      "review",
      "switched",
      "review",
      "needs-middel",
    ]);
    expect(json.summary).toMatchObject({
      asOf: "2024-06-01",
      middelenToBuy: 2,
      machtiging: "Mijn DUO voor zakelijke klanten",
    });
    expect(json.summary.costs).toBeUndefined();
  });

  it("the inactive period and the price change the plan and the costs", async () => {
    const { out } = await run([
      overview,
      "--date",
      "2024-06-01",
      "--inactive-months",
      "1",
      "--price",
      "29,50",
      "--json",
    ]);
    const json = JSON.parse(out) as {
      summary: { byDecision: Record<string, number>; costs: Record<string, number> };
    };
    expect(json.summary.byDecision).toEqual({ "needs-middel": 1, review: 3, switched: 1 });
    expect(json.summary.costs).toEqual({
      pricePerMiddel: 29.5,
      yearlyCost: 29.5,
      yearlyCostIncludingReview: 118,
      savingByRemovingReview: 88.5,
    });
  });

  it("writes the checklist CSV with formula cells neutralised", async () => {
    const hostile: OverviewRow[] = TEST_OVERVIEW_ROWS.map((r) =>
      r.globalId === "900002" ? { ...r, email: '=HYPERLINK("http://x")' } : r,
    );
    const file = join(dir, "hostile.tsv");
    await writeFile(file, writeOverviewTsv(hostile));
    const csv = join(dir, "checklist.csv");
    const { code } = await run([file, "--date", "2024-06-01", "--csv", csv]);
    expect(code).toBe(0);
    const text = await readFile(csv, "utf8");
    expect(text).toContain(`,"'=HYPERLINK(""http://x"")",EH3,Mijn DUO voor zakelijke klanten,`);
    expect(text).not.toMatch(/,=HYPERLINK/);
  });

  it("--world writes a pseudonymised world the makelaar loads, and Mijn DUO shows each person their roles", async () => {
    const world = join(dir, "wereld.yaml");
    expect((await run([overview, "--date", "2024-06-01", "--world", world])).code).toBe(0);
    const text = await readFile(world, "utf8");
    expect(text).toMatch(/^# TEST WORLD/);
    expect(text).not.toMatch(/Testbeheer|example\.test".*testbeheer/);
    const loaded = await loadWorldConfig(world);
    expect(loaded.persons.map((p) => p.name)).toEqual([
      "Testpersoon 001",
      "Testpersoon 002",
      "Testpersoon 003",
      "Testpersoon 004",
      "Testpersoon 005",
    ]);
    const beheerder = loaded.persons[0]!;
    expect(beheerder.middel.level).toBe("EH3");
    expect(beheerder.representations[0]!.machtigingen[0]!.level).toBe("EH3");

    const state = new WorldState(loaded);
    state.setNow(new Date("2022-03-01T10:00:00+01:00"));
    const duo = createMijnDuo({ world: state });
    const login = await supertest(duo.app)
      .post("/isam/token/login")
      .type("form")
      .send({
        username: beheerder.duo!.inlognaam,
        password: beheerder.duo!.wachtwoord,
        otp: beheerder.duo!.tokenCode,
      })
      .expect(303);
    const cookie = (login.headers["set-cookie"] as unknown as string[])
      .find((c) => c.startsWith("MDSESSION="))!
      .split(";")[0]!;
    const portal = await supertest(duo.app).get("/portaal/").set("cookie", cookie).expect(200);
    expect(portal.text).toContain("Testpersoon 001");
    expect(portal.text).toContain("Beheerder BVE (BRINn 99TT), Organisatiebeheerder");
  });

  it("--real-names keeps the overview's names", async () => {
    const world = join(dir, "echt.yaml");
    await run([overview, "--date", "2024-06-01", "--world", world, "--real-names"]);
    const loaded = await loadWorldConfig(world);
    expect(loaded.persons[0]).toMatchObject({ id: "duo-900001", name: "A. Testbeheer" });
  });

  it("one clear line and exit 1 for a file that cannot be planned, 2 for wrong usage", async () => {
    const notOverview = join(dir, "lijst.csv");
    await writeFile(notOverview, "melk,brood\n1,2\n");
    const bad = await run([notOverview]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^planner: .*lijst\.csv, row 1: not an overview of Mijn DUO users/);
    expect((await run([join(dir, "nope.tsv")])).err).toMatch(/nope\.tsv: no such file$/);
    expect((await run([])).code).toBe(2);
    expect((await run([overview, "--inactive-months", "0"])).err).toMatch(
      /--inactive-months must be a whole number/,
    );
    expect((await run([overview, "--price", "gratis"])).code).toBe(2);
  });
});
