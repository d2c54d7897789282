import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCycles, importsOf, repositoryGraph } from "./import-cycles.ts";

describe("the import-circle check", () => {
  it("reads static, type-only, multi-line, re-export and dynamic imports, relative ones only", () => {
    const source = [
      'import { a } from "./a.ts";',
      'import type { B } from "../b.ts";',
      "import {\n  c,\n  d,\n} from './c.ts';",
      'export * from "./e.ts";',
      'const f = await import("./f.ts");',
      'import raw from "./g.xml?raw";',
      'import express from "express";',
      '// import { h } from "./h.ts";',
    ].join("\n");
    expect(importsOf("x/y.ts", source)).toEqual([
      "x/a.ts",
      "b.ts",
      "x/c.ts",
      "x/e.ts",
      "x/f.ts",
      "x/g.xml",
    ]);
  });

  it("finds a circle, also a type-only one through a third file, and nothing in a tree", () => {
    const circle = new Map([
      ["app.ts", ["saml/sso.ts"]],
      ["saml/sso.ts", ["flow.ts"]],
      ["flow.ts", ["app.ts", "world.ts"]],
      ["world.ts", []],
    ]);
    expect(findCycles(circle)).toEqual([["app.ts", "flow.ts", "saml/sso.ts"]]);
    const tree = new Map([
      ["app.ts", ["saml/sso.ts", "world.ts"]],
      ["saml/sso.ts", ["world.ts"]],
      ["world.ts", []],
    ]);
    expect(findCycles(tree)).toEqual([]);
  });

  it("finds no circle in this repository", () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
    const graph = repositoryGraph(root);
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  });
});
