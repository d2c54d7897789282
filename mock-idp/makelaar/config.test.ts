import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SERVICES } from "../../eherkenning/fixtures/catalogue.ts";
import { createMakelaar } from "./app.ts";
import { ConfigError, loadWorldConfig } from "./config.ts";
import { DEFAULT_PERSONS, KVK } from "../world/default.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mock-idp-config-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** The ConfigError's lines, or a failure when the file loaded. */
async function problemsOf(file: string): Promise<string[]> {
  try {
    await loadWorldConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split("\n");
    throw error;
  }
  throw new Error(`${file} loaded without errors`);
}

const user = (id: string, level: unknown, extra: object = {}) => ({
  id,
  name: `Persoon ${id}`,
  middel: { level, password: "geheim" },
  ...extra,
});

describe("loadWorldConfig reads valid files", () => {
  it("loads the example config the README shows", async () => {
    const world = await loadWorldConfig("mock-idp/examples/makelaar.yaml");
    expect(world.now?.toISOString()).toBe("2022-04-20T07:00:00.000Z");
    expect(world.persons.map((p) => p.id)).toEqual(["mila-eh3", "ruben-eh2plus"]);
    expect(world.persons[0]?.middel).toMatchObject({
      level: "EH3",
      username: "mila",
      secondFactor: { kind: "app", code: "123456" },
    });
    expect(world.persons[0]?.representations[0]?.machtigingen[0]).toEqual({
      scope: { kind: "service", serviceUUID: FIXTURE_SERVICES.mijnDuo.serviceUUID },
      level: "EH3",
      validUntil: new Date("2022-12-31T23:00:00Z"),
    });
    expect(world.persons[1]?.middel.secondFactor).toEqual({ kind: "sms", code: "246810" });
    expect(world.serviceProviders.map((sp) => sp.entityID)).toEqual([
      "urn:etoegang:DV:00000099000000000010:entities:9099",
    ]);
    expect(world.transitions).toHaveLength(2);
    expect(world.organisations.map((o) => o.kvk)).toEqual(["99000102", "99000301"]);
  });

  it("is the world reset() returns to, after the admin API changed it", async () => {
    const makelaar = await createMakelaar({
      baseUrl: "http://makelaar.test",
      world: await loadWorldConfig("mock-idp/examples/makelaar.yaml"),
    });
    const { world, state } = makelaar;
    world.removePerson("mila-eh3");
    state.serviceProviders = [];
    world.setNow(new Date("2030-01-01T00:00:00Z"));
    makelaar.reset();
    expect(world.persons.map((p) => p.id)).toEqual(["mila-eh3", "ruben-eh2plus"]);
    expect(state.serviceProviders).toHaveLength(1);
    expect(world.now().toISOString().slice(0, 10)).toBe("2022-04-20");
  });

  it("reads JSON the same way, with any level notation and KvK numbers as numbers", async () => {
    const file = await write(
      "world.json",
      JSON.stringify({
        now: "2021-05-01",
        organisations: [{ kvk: 99000901, rsin: "990001118", name: "Testbedrijf" }],
        users: [
          user("a", "niveau 2+", {
            middel: { level: "niveau 2+", password: "p", secondFactor: 12345 },
            organisations: [{ kvk: 99000901, machtigingen: [{ all: true, level: "loa3" }] }],
          }),
          user("b", "substantieel"),
          user("c", "urn:etoegang:core:assurance-class:loa4"),
          user("d", 1),
        ],
      }),
    );
    const world = await loadWorldConfig(file);
    expect(world.persons.map((p) => p.middel.level)).toEqual(["EH2+", "EH3", "EH4", "EH1"]);
    expect(world.persons[0]?.middel.secondFactor?.code).toBe("012345");
    expect(world.persons[0]?.representations[0]).toEqual({
      kvk: "99000901",
      machtigingen: [{ scope: { kind: "all" }, level: "EH3" }],
    });
    // A middel at EH2+ and up without a code gets a fixed one, so tests can read it.
    expect(world.persons[1]?.middel.secondFactor?.code).toMatch(/^\d{6}$/);
    expect(world.persons[3]?.middel.secondFactor).toBeUndefined();
    expect(world.now?.toISOString()).toBe("2021-04-30T22:00:00.000Z");
  });

  it("keeps the default world for every key left out", async () => {
    const world = await loadWorldConfig(await write("empty.yaml", "# nothing\n"));
    expect(world.persons).toEqual(DEFAULT_PERSONS);
    expect(world.now).toBeUndefined();
    const onlyUsers = await loadWorldConfig(
      await write(
        "users.yaml",
        `users:\n  - id: x\n    name: X\n    middel: { level: EH3, password: p }\n    organisations: [{ kvk: "${KVK.rocZuiderwaard}" }]\n`,
      ),
    );
    expect(onlyUsers.persons.map((p) => p.id)).toEqual(["x"]);
    expect(onlyUsers.organisations.some((o) => o.kvk === KVK.rocZuiderwaard)).toBe(true);
  });
});

describe("loadWorldConfig names the file, the path and what was expected", () => {
  it("points at users[2].middel.level for a level that does not exist", async () => {
    const file = await write(
      "levels.yaml",
      `users:\n  - id: a\n    name: A\n    middel: { level: EH3, password: p }\n  - id: b\n    name: B\n    middel: { level: EH2, password: p }\n  - id: c\n    name: C\n    middel: { level: EH5, password: p }\n`,
    );
    expect(await problemsOf(file)).toEqual([
      `${file}: users[2].middel.level: expected a level (EH1, EH2, EH2+, EH3, EH4, or a notation such as "loa3", "niveau 2+", "substantieel"); got "EH5"`,
    ]);
  });

  it("reports every problem on its own line", async () => {
    const file = await write(
      "many.yaml",
      [
        "usres: []",
        "now: next tuesday",
        "organisations:",
        '  - kvk: "123"',
        "    name: X",
        "users:",
        "  - id: 'has space'",
        "    middel: { level: EH2, password: p, secondFactor: '123456' }",
        "transitions:",
        "  - service: Bestaat Niet",
        "    acceptedLevel: EH2+",
        "    until: 2022-01-01",
      ].join("\n"),
    );
    const problems = await problemsOf(file);
    expect(problems.every((line) => line.startsWith(`${file}: `))).toBe(true);
    const paths = problems.map((line) => line.slice(file.length + 2).split(": ")[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        "(top level)",
        "now",
        "organisations[0].kvk",
        "organisations[0].rsin",
        "users[0].id",
        "users[0].name",
        "transitions[0].service",
      ]),
    );
    expect(problems.find((l) => l.includes("(top level)"))).toMatch(/unknown key "usres"/);
    expect(problems.find((l) => l.includes("organisations[0].rsin"))).toMatch(
      /required; expected an RSIN: 9 digits/,
    );
    expect(problems.find((l) => l.includes(": now:"))).toMatch(
      /expected an ISO 8601 date.*got "next tuesday"/,
    );
  });

  it("refuses a second factor on an EH2 middel, a bad machtiging scope and an unknown organisation", async () => {
    const file = await write(
      "refs.json",
      JSON.stringify({
        users: [
          user("a", "EH2", { middel: { level: "EH2", password: "p", secondFactor: "123456" } }),
          user("b", "EH3", { organisations: [{ kvk: "12345678", machtigingen: [] }] }),
          user("b", "EH3", {
            organisations: [{ kvk: KVK.rocZuiderwaard, machtigingen: [{ level: "EH3" }] }],
          }),
        ],
      }),
    );
    const problems = await problemsOf(file);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /users\[0\]\.middel\.secondFactor: expected no second factor: a middel at EH2/,
        ),
        expect.stringMatching(
          /users\[2\]\.organisations\[0\]\.machtigingen\[0\]: expected exactly one scope/,
        ),
      ]),
    );
    const second = await problemsOf(
      await write(
        "refs2.json",
        JSON.stringify({
          users: [user("b", "EH3", { organisations: [{ kvk: "12345678" }] }), user("b", "EH3")],
        }),
      ),
    );
    expect(second).toEqual([
      expect.stringMatching(
        /users\[0\]\.organisations\[0\]\.kvk: expected the KvK number of an organisation; 12345678 is not under organisations$/,
      ),
      expect.stringMatching(/users\[1\]\.id: "b" appears twice$/),
    ]);
  });

  it("gives the line and column of a YAML or JSON syntax error", async () => {
    const yaml = await write("broken.yaml", "users:\n  - id: a\n    name: [unclosed\n");
    expect((await problemsOf(yaml))[0]).toMatch(
      new RegExp(`^${yaml}: line \\d+, column \\d+: not valid YAML`),
    );
    const json = await write("broken.json", '{\n  "users": [\n    {"id": "a",}\n  ]\n}');
    expect((await problemsOf(json))[0]).toMatch(
      new RegExp(`^${json}: line 3, column \\d+: not valid JSON`),
    );
    const duplicate = await write("duplicate.yaml", "now: 2022-01-01\nnow: 2023-01-01\n");
    expect((await problemsOf(duplicate))[0]).toMatch(
      /line 2, column 1: not valid YAML: Map keys must be unique/,
    );
  });

  it("says when the file is missing, a directory, or of an unknown kind", async () => {
    const missing = join(dir, "nope.yaml");
    expect(await problemsOf(missing)).toEqual([
      `${missing}: cannot read the config file: no such file`,
    ]);
    const folder = join(dir, "folder.yaml");
    await mkdir(folder);
    expect(await problemsOf(folder)).toEqual([
      `${folder}: cannot read the config file: is a directory, not a file`,
    ]);
    const toml = await write("world.toml", "x = 1");
    expect(await problemsOf(toml)).toEqual([
      `${toml}: expected a .yaml, .yml or .json file (got ".toml")`,
    ]);
    const list = await write("list.yaml", "- 1\n- 2\n");
    expect((await problemsOf(list))[0]).toMatch(
      /\(top level\): expected a mapping with the keys now, shiftProtocolTime, catalogue/,
    );
  });

  it("reports a catalogue that is missing or broken with its file and line", async () => {
    const missing = await write("cat-missing.yaml", "catalogue: nowhere.xml\n");
    expect((await problemsOf(missing))[0]).toMatch(
      /cat-missing\.yaml: catalogue: cannot read the catalogue ".*nowhere\.xml": no such file$/,
    );
    await write(
      "broken-catalogue.xml",
      '<?xml version="1.0"?>\n<esc:ServiceCatalogue xmlns:esc="urn:etoegang:1.13:service-catalog">\n  <esc:ServiceProvider>\n</esc:ServiceCatalogue>\n',
    );
    const broken = await write("cat-broken.yaml", "catalogue: broken-catalogue.xml\n");
    expect((await problemsOf(broken))[0]).toMatch(
      /cat-broken\.yaml: catalogue: .*broken-catalogue\.xml: line \d+: /,
    );
  });

  it("names the service provider whose metadata is missing or wrong", async () => {
    await write("not-metadata.xml", "<hello/>");
    const file = await write(
      "sps.yaml",
      "serviceProviders:\n  - metadataFile: not-metadata.xml\n  - metadata: '<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>'\n  - {}\n",
    );
    const problems = await problemsOf(file);
    expect(problems[0]).toMatch(
      /serviceProviders\[2\]: expected exactly one of "metadataFile" \(a path\) or "metadata" \(XML\)/,
    );
    const withoutEmpty = await write(
      "sps2.yaml",
      "serviceProviders:\n  - metadataFile: not-metadata.xml\n  - metadata: '<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>'\n  - metadataFile: absent.xml\n",
    );
    const lines = await problemsOf(withoutEmpty);
    expect(lines[0]).toMatch(
      /serviceProviders\[0\]\.metadataFile: .*not-metadata\.xml: .*EntityDescriptor/,
    );
    expect(lines[1]).toMatch(/serviceProviders\[1\]\.metadata: .*entityID/);
    const absent = await write("sps3.yaml", "serviceProviders:\n  - metadataFile: absent.xml\n");
    expect(await problemsOf(absent)).toEqual([
      expect.stringMatching(
        /serviceProviders\[0\]\.metadataFile: cannot read the SP metadata ".*absent\.xml": no such file$/,
      ),
    ]);
  });
});
