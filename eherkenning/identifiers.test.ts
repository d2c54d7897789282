import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isoDutchDay, longDutchDay } from "./dates.ts";
import {
  IDENTIFIER_TYPES,
  METADATA_EXTENSION_NS,
  catalogueVersion,
  metadataName,
  entityId,
  identifierTypeName,
  isServiceId,
  LOA_URNS,
  levelFromUrn,
  levelToUrn,
  needsSecondFactor,
  legalSubjectTypes,
  parseEntityId,
  serviceId,
  serviceIndexOf,
} from "./identifiers.ts";
import { DUO_MILESTONES, KNOWN_OVERSTAPPEN } from "./known-overstappen.ts";
import { DUO_SECTOR_SWITCH } from "../mock-idp/world/duo-calendar.ts";
import { EH1_RETIRED_ON, LEVEL_LABELS } from "./levels.ts";

const OIN = "00000099000000000001";

describe("identifiers", () => {
  it("builds entity IDs and ServiceIDs in the network's form", () => {
    expect(entityId("AD", OIN, 9001)).toBe(`urn:etoegang:AD:${OIN}:entities:9001`);
    expect(serviceId(OIN, 3)).toBe(`urn:etoegang:DV:${OIN}:services:3`);
  });

  it("refuses an OIN that is not 20 digits", () => {
    expect(() => entityId("MR", "123", 9001)).toThrow(/OIN "123" is not 20 digits/);
  });

  it("refuses an OIN with anything before or after its 20 digits, in entity IDs and ServiceIDs", () => {
    expect(() => entityId("DV", `${OIN}1`, 9001)).toThrow(`OIN "${OIN}1" is not 20 digits`);
    expect(() => entityId("DV", `x${OIN}`, 9001)).toThrow(`OIN "x${OIN}" is not 20 digits`);
    expect(() => serviceId("123", 1)).toThrow('serviceId: the OIN "123" is not 20 digits');
    expect(() => serviceId(`${OIN}1`, 1)).toThrow(/is not 20 digits/);
  });

  it("reads a ServiceID or an entity ID only when it is the whole text", () => {
    expect(isServiceId(`x${serviceId(OIN, 3)}`)).toBe(false);
    expect(isServiceId(`${serviceId(OIN, 3)} `)).toBe(false);
    expect(parseEntityId(`x${entityId("HM", OIN, 1)}`)).toBeUndefined();
    expect(parseEntityId(`${entityId("HM", OIN, 1)}x`)).toBeUndefined();
  });

  it("reads an entity ID back, and nothing that is not one", () => {
    expect(parseEntityId(entityId("MR", OIN, 9002))).toEqual({ role: "MR", oin: OIN, index: 9002 });
    expect(parseEntityId(`urn:etoegang:XX:${OIN}:entities:1`)).toBeUndefined();
  });

  it("names an identifier type by its last part, in either pseudonym version", () => {
    expect(identifierTypeName(IDENTIFIER_TYPES.kvk)).toBe("KvKnr");
    expect(identifierTypeName(IDENTIFIER_TYPES.pseudo)).toBe("Pseudo");
    expect(identifierTypeName(IDENTIFIER_TYPES.pseudo19)).toBe("Pseudo");
  });

  it("reads a ServiceID's index, and refuses what is not a ServiceID", () => {
    expect(isServiceId(serviceId(OIN, 3))).toBe(true);
    expect(isServiceId(entityId("DV", OIN, 9001))).toBe(false);
    expect(serviceIndexOf(serviceId(OIN, 42))).toBe(42);
    expect(() => serviceIndexOf("urn:etoegang:DV:1:services:x")).toThrow(
      "Not a ServiceID (urn:etoegang:DV:<OIN>:services:<n>): urn:etoegang:DV:1:services:x",
    );
  });

  it("maps every level to its loa URN and back", () => {
    expect(levelToUrn("EH2+")).toBe("urn:etoegang:core:assurance-class:loa2plus");
    for (const level of LEVEL_LABELS) expect(levelFromUrn(LOA_URNS[level])).toBe(level);
    expect(levelFromUrn("urn:etoegang:core:assurance-class:loa5")).toBeUndefined();
  });

  it("asks a second factor from EH2+ on", () => {
    expect(LEVEL_LABELS.filter(needsSecondFactor)).toEqual(["EH2+", "EH3", "EH4"]);
  });
});

// ---- One truth: nothing outside eherkenning/ writes these by hand ------------

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// .stryker-tmp holds mutation runs' copies of the tree (and their mutants).
const SKIPPED_FOLDERS = new Set([
  "node_modules",
  "dist",
  ".cache",
  ".stryker-tmp",
  "eherkenning",
  "test-results",
]);
/**
 * The example projects (e2e/example-*) are outside services written as their
 * teams would, with their own constants: not ours to point at eherkenning/.
 */
const isOutsideProject = (name: string) => name.startsWith("example-");
/**
 * Tests are exempt: they check the wire format with their own hand on purpose,
 * so a builder that drifted would fail them. Nothing else is.
 */
const isTest = (path: string) => /\.(test|spec)\.ts$/.test(path);
/** The simulation's invented DUO sector days have their one home outside eherkenning/, on purpose. */
const INVENTED_DAYS = join("mock-idp", "world", "duo-calendar.ts");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED_FOLDERS.has(entry.name) || isOutsideProject(entry.name)
        ? []
        : sourceFiles(path);
    }
    return /\.(ts|js|mjs)$/.test(entry.name) && !isTest(entry.name) && !path.endsWith(INVENTED_DAYS)
      ? [path]
      : [];
  });
}

/** Every overstap date the shared module knows. */
const OVERSTAP_DATES: readonly Date[] = [
  EH1_RETIRED_ON,
  ...Object.values(DUO_SECTOR_SWITCH).map((m) => m.date),
  ...Object.values(DUO_MILESTONES).map((m) => m.date),
  ...KNOWN_OVERSTAPPEN.flatMap((o) => [
    ...o.milestones.map((m) => m.date),
    ...(o.transition
      ? [o.transition.until, ...(o.transition.from ? [o.transition.from] : [])]
      : []),
  ]),
];

/** Each date as code and pages would write it: 2021-07-01, 1 juli 2021, 1 July 2021. */
const WRITTEN_DATES = [
  ...new Set(
    OVERSTAP_DATES.flatMap((d) => [isoDutchDay(d), longDutchDay(d), longDutchDay(d, "en")]),
  ),
];

function handWritten(pattern: (text: string) => string[]): string[] {
  return sourceFiles(ROOT).flatMap((file) => {
    const where = relative(ROOT, file);
    return readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => pattern(line).map((found) => `${where}:${i + 1}: ${found}`));
  });
}

describe("nothing outside eherkenning/ writes by hand", () => {
  it("an urn:etoegang string (use eherkenning/identifiers.ts)", () => {
    expect(sourceFiles(ROOT).length).toBeGreaterThan(100);
    expect(handWritten((line) => line.match(/urn:etoegang:[^\s"'`]*/g) ?? [])).toEqual([]);
  });

  it("an overstap date (use the dates in eherkenning/, formatted with dates.ts)", () => {
    expect(WRITTEN_DATES).toContain("1 juli 2021");
    expect(handWritten((line) => WRITTEN_DATES.filter((date) => line.includes(date)))).toEqual([]);
  });
});

describe("legalSubjectTypes", () => {
  const KVK = IDENTIFIER_TYPES.kvk;
  const RSIN = IDENTIFIER_TYPES.rsin;
  const everything = () => true;

  it("delivers every type of the first set together", () => {
    const allowed = [
      { type: KVK, setNumber: "1" },
      { type: RSIN, setNumber: "1" },
      { type: KVK, setNumber: "2" },
    ];
    expect(legalSubjectTypes(allowed, everything)).toEqual([KVK, RSIN]);
  });

  it("falls back to a later set when the organisation cannot fill the first", () => {
    const allowed = [
      { type: KVK, setNumber: "1" },
      { type: RSIN, setNumber: "1" },
      { type: KVK, setNumber: "2" },
    ];
    expect(legalSubjectTypes(allowed, (type) => type !== RSIN)).toEqual([KVK]);
  });

  it("treats sets with different numbers as alternatives, the first one winning", () => {
    const allowed = [
      { type: RSIN, setNumber: "1" },
      { type: KVK, setNumber: "2" },
    ];
    expect(legalSubjectTypes(allowed, everything)).toEqual([RSIN]);
  });

  it("treats an entry without a setNumber as a set of its own", () => {
    expect(legalSubjectTypes([{ type: RSIN }, { type: KVK }], everything)).toEqual([RSIN]);
  });

  it("lists a type named twice in one set once", () => {
    const allowed = [
      { type: KVK, setNumber: "1" },
      { type: KVK, setNumber: "1" },
    ];
    expect(legalSubjectTypes(allowed, everything)).toEqual([KVK]);
  });

  it("gives the KvK number when the catalogue names no type", () => {
    expect(legalSubjectTypes([], everything)).toEqual([KVK]);
  });
});

describe("metadata and catalogue names", () => {
  it("write the Name and Version forms of the 1.13 network", () => {
    expect(metadataName("T", 3)).toBe("urn:etoegang:1.13:T:3");
    expect(catalogueVersion("T", 7)).toBe("urn:etoegang:1.13:service-catalogue:T:7");
    expect(METADATA_EXTENSION_NS).toBe("urn:etoegang:1.13:metadata-extension");
  });
});
