import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "./catalogue.ts";

const fixture = new URL("../eherkenning/fixtures/servicecatalog.xml", import.meta.url).pathname;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "catalogue-cli-"));
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run catalogue", () => {
  it("lists every service with provider, name, UUID, ServiceIDs and level", async () => {
    const { code, out } = await run(fixture);
    expect(code).toBe(0);
    expect(out).toMatch(
      /Dienst Uitvoering Onderwijs \(DUO\)\s+Mijn DUO voor zakelijke klanten\s+\S+\s+urn:etoegang:DV:\d{20}:services:1\s+EH3/,
    );
    expect(out).toContain("21 services");
  });

  it("prints the matches of --search as one JSON array with the documented fields", async () => {
    const { code, out } = await run(fixture, "--search", "rbg", "--json");
    expect(code).toBe(0);
    const rows = JSON.parse(out) as unknown[];
    expect(rows).toEqual([
      {
        provider: "RBG",
        service: "Mijn RBG",
        serviceUUID: "00000000-e4e0-4000-8000-000000001801",
        serviceIDs: ["urn:etoegang:DV:00000099000000000018:services:1"],
        level: "EH3",
        levelURN: "urn:etoegang:core:assurance-class:loa3",
      },
    ]);
  });

  it("says so when nothing matches", async () => {
    expect((await run(fixture, "--search", "nothing like this")).out).toBe(
      'no service matches "nothing like this"',
    );
  });

  it("gives one clear line and exit 1 for a file that is not a catalogue", async () => {
    const file = join(dir, "metadata.xml");
    await writeFile(file, "<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata'/>");
    const { code, err } = await run(file);
    expect(code).toBe(1);
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toContain(`catalogue: ${file}: line 1: wrong root element <md:EntityDescriptor>`);
  });

  it("names a missing file", async () => {
    const { code, err } = await run(join(dir, "absent.xml"));
    expect(code).toBe(1);
    expect(err).toMatch(/absent\.xml: no such file$/);
  });

  it("refuses a file over the size limit without reading it", async () => {
    const file = join(dir, "huge.xml");
    await writeFile(file, Buffer.alloc(50 * 1024 * 1024, 32));
    const { code, err } = await run(file);
    expect(code).toBe(1);
    expect(err).toContain("the catalogue is 50.0 MB, more than the 32.0 MB limit");
  });

  it("explains its usage when the file is missing or an option is unknown", async () => {
    expect((await run()).code).toBe(2);
    const unknown = await run(fixture, "--frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("usage: npm run catalogue");
  });
});
