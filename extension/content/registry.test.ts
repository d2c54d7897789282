// @vitest-environment happy-dom
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

// The features import the browser API; the registry's shape is all this test needs.
vi.mock("../shared/native.ts", () => ({ ext: () => ({}) }));

const { FEATURES, FEATURES_BY_SITE } = await import("./registry.ts");
const featureFiles = readdirSync(join(import.meta.dirname, "features"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => f.replace(/\.ts$/, ""));

describe("feature registry", () => {
  it("registers every file under features/, under its file name", () => {
    expect(FEATURES.map((f) => f.id).sort()).toEqual([...featureFiles].sort());
  });

  it("runs each feature on exactly one site", () => {
    const perSite = Object.values(FEATURES_BY_SITE).flat();
    expect(perSite.map((f) => f.id).sort()).toEqual([...featureFiles].sort());
  });

  it("gives each site's features URLs of that site only", () => {
    const duo = new URL("https://mijn.duo.nl/");
    const listing = new URL("https://www.eherkenning.nl/aangesloten-organisaties");
    expect(FEATURES_BY_SITE.duo.every((f) => f.matches(duo) && !f.matches(listing))).toBe(true);
    expect(FEATURES_BY_SITE.eherkenning.every((f) => !f.matches(duo))).toBe(true);
  });
});
