import { describe, expect, it } from "vitest";
import { makeManifest } from "./manifest.ts";

type Manifest = Record<string, unknown> & {
  background: Record<string, unknown>;
  content_scripts: { matches: string[] }[];
};
const chromium = makeManifest("chromium") as unknown as Manifest;
const firefox = makeManifest("firefox") as unknown as Manifest;

describe("manifest", () => {
  it("asks for the annotated hosts only, and the aggregator only as optional", () => {
    const annotated = [
      "https://mijn.duo.nl/*",
      "https://duo.nl/zakelijk/*",
      "https://www.duo.nl/zakelijk/*",
      "https://www.eherkenning.nl/*",
    ];
    for (const manifest of [chromium, firefox]) {
      expect([...(manifest["host_permissions"] as string[])].sort()).toEqual([...annotated].sort());
      expect(manifest["optional_host_permissions"]).toEqual(["https://aggregator.etoegang.nl/*"]);
      expect(manifest.content_scripts.flatMap((c) => c.matches).sort()).toEqual(
        [...annotated].sort(),
      );
      // Annotating any page on request uses activeTab + scripting: no host beyond those above.
      expect(manifest["permissions"]).toEqual([
        "storage",
        "unlimitedStorage",
        "activeTab",
        "scripting",
        "contextMenus",
      ]);
    }
  });

  it("runs a service worker in Chromium and background scripts with a gecko id in Firefox", () => {
    expect(chromium.background).toEqual({ service_worker: "background/index.ts", type: "module" });
    expect(chromium["browser_specific_settings"]).toBeUndefined();
    expect(firefox.background).toEqual({ scripts: ["background/index.ts"], type: "module" });
    expect(firefox["browser_specific_settings"]).toMatchObject({
      gecko: { id: expect.stringContaining("@") },
    });
  });

  it("is Dutch by default with its name from _locales", () => {
    expect(chromium["default_locale"]).toBe("nl");
    expect(chromium["name"]).toBe("__MSG_extName__");
  });
});
