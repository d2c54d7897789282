import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { testKeyDirectory } from "../saml-core/keys.ts";
import { packageRoot } from "./package-root.ts";

const checkout = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A package tree in a temporary folder: eh-overstap at the top, `files` inside it. */
function installedPackage(files: Record<string, string>): string {
  const top = mkdtempSync(join(tmpdir(), "package-root-"));
  folders.push(top);
  const root = join(top, "node_modules", "eh-overstap");
  for (const [path, text] of Object.entries({
    "package.json": JSON.stringify({ name: "eh-overstap" }),
    ...files,
  })) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("packageRoot", () => {
  it("finds the checkout from the TypeScript sources", () => {
    expect(packageRoot()).toBe(checkout);
  });

  it("finds the same root from the compiled kit's depth and from the bundled bin's", () => {
    const root = installedPackage({});
    expect(packageRoot(join(root, "dist/kit/mock-idp/saml-core/keys.js"))).toBe(root);
    expect(packageRoot(join(root, "dist/kit/bin/eh-overstap.js"))).toBe(root);
  });

  it("passes over package.json files of other packages on the way up", () => {
    const root = installedPackage({ "dist/package.json": JSON.stringify({ name: "other" }) });
    expect(packageRoot(join(root, "dist/kit/bin/eh-overstap.js"))).toBe(root);
  });

  it("names the file it started from when no eh-overstap package.json is above it", () => {
    const lonely = mkdtempSync(join(tmpdir(), "no-package-"));
    folders.push(lonely);
    expect(() => packageRoot(join(lonely, "x.js"))).toThrow(
      `no eh-overstap package.json above ${join(lonely, "x.js")}`,
    );
  });
});

describe("testKeyDirectory", () => {
  it("is .cache/test-keys in the package root, wherever the code runs from", () => {
    expect(testKeyDirectory()).toBe(join(checkout, ".cache", "test-keys"));
  });
});
