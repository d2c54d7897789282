import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { writeOverviewTsv } from "./export.ts";
import { TEST_OVERVIEW_ROWS } from "./fixtures.ts";
import { parseOverview } from "./overview.ts";
import { MIJN_DUO, planOverview } from "./plan.ts";
import { planToWorld, toYaml, worldToYaml } from "./world.ts";

const plan = planOverview(
  parseOverview("t.tsv", new TextEncoder().encode(writeOverviewTsv(TEST_OVERVIEW_ROWS))),
  { asOf: "2024-06-01" },
);

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
});
