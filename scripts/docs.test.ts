// The docs stay usable: a short README that links every page, and no link or
// image that points at a file (or a heading) that is not there.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const README = join(ROOT, "README.md");
const CONTRIBUTING = join(ROOT, "CONTRIBUTING.md");
const DOCS = join(ROOT, "docs");
const README_MAX_LINES = 220;

const docPages = readdirSync(DOCS)
  .filter((name) => name.endsWith(".md"))
  .map((name) => join(DOCS, name));
const allPages = [README, CONTRIBUTING, ...docPages];

/** The text outside fenced code blocks and inline code, where links live. */
function proseOf(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Every link and image target: [text](target) and ![alt](target). */
function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of proseOf(markdown).matchAll(
    /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
  )) {
    if (match[1] !== undefined) targets.push(match[1]);
  }
  return targets;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsIn(file: string): Set<string> {
  const markdown = readFileSync(file, "utf8").replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = anchorOf(match[1] ?? "");
    const count = seen.get(base) ?? 0;
    anchors.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return anchors;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** What is wrong with one relative link, or undefined when it resolves. */
function brokenLink(from: string, target: string): string | undefined {
  const [path = "", anchor] = target.split("#", 2);
  const file = path === "" ? from : resolve(dirname(from), decodeURIComponent(path));
  if (!existsSync(file)) return `${target}: no file ${relative(ROOT, file)}`;
  if (anchor !== undefined && anchor !== "" && file.endsWith(".md")) {
    if (!anchorsIn(file).has(anchor))
      return `${target}: no heading #${anchor} in ${relative(ROOT, file)}`;
  }
  return undefined;
}

describe("the docs", () => {
  it(`keep README.md at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(README, "utf8").trimEnd().split("\n").length;
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it("link every page in docs/ and CONTRIBUTING.md from README.md", () => {
    const linked = new Set(
      linkTargets(readFileSync(README, "utf8"))
        .filter((target) => !isExternal(target))
        .map((target) => resolve(ROOT, target.split("#")[0] ?? "")),
    );
    const unlinked = [CONTRIBUTING, ...docPages]
      .filter((page) => !linked.has(page))
      .map((page) => relative(ROOT, page));
    expect(docPages.length).toBeGreaterThan(0);
    expect(unlinked).toEqual([]);
  });

  it("have every relative link and image resolve to a file, and every #anchor to a heading", () => {
    const broken: string[] = [];
    for (const page of allPages) {
      for (const target of linkTargets(readFileSync(page, "utf8"))) {
        if (isExternal(target)) continue;
        const problem = brokenLink(page, target);
        if (problem) broken.push(`${relative(ROOT, page)}: ${problem}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** The files `npm pack` puts in the package, relative to the root (no scripts run). */
function packedFiles(): Set<string> {
  const json = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [pack] = JSON.parse(json) as { files: { path: string }[] }[];
  return new Set((pack?.files ?? []).map((file) => file.path));
}

describe("the docs in the packed package", () => {
  // npm pack takes a few seconds on a busy machine.
  const packed = packedFiles();
  const packedPages = allPages.filter((page) => packed.has(relative(ROOT, page)));

  it("ship README.md, CONTRIBUTING.md and every page in docs/", () => {
    expect(packedPages.map((page) => relative(ROOT, page)).sort()).toEqual(
      allPages.map((page) => relative(ROOT, page)).sort(),
    );
  });

  it("have every relative link and image of a shipped page point at a shipped file", () => {
    const missing: string[] = [];
    for (const page of packedPages) {
      for (const target of linkTargets(readFileSync(page, "utf8"))) {
        if (isExternal(target) || target.startsWith("#")) continue;
        const path = decodeURIComponent(target.split("#")[0] ?? "");
        const file = relative(ROOT, resolve(dirname(page), path));
        if (!packed.has(file)) missing.push(`${relative(ROOT, page)}: ${target} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("ship only the images the pages show", () => {
    const shown = new Set(
      packedPages.flatMap((page) =>
        linkTargets(readFileSync(page, "utf8"))
          .filter((target) => !isExternal(target))
          .map((target) => relative(ROOT, resolve(dirname(page), target.split("#")[0] ?? ""))),
      ),
    );
    const unshown = [...packed].filter(
      (file) => file.startsWith("docs/") && !file.endsWith(".md") && !shown.has(file),
    );
    expect(unshown).toEqual([]);
  });
});

describe("the docs checker", () => {
  it("finds links and images in prose, and none in code", () => {
    const markdown = [
      "See [the kit](docs/e2e-kit.md#options) and ![a shot](images/a.png).",
      "`[not](a-link.md)`",
      "```ts",
      "const x = [a](b);",
      "```",
      "[site](https://example.org/) [here](#top)",
    ].join("\n");
    expect(linkTargets(markdown)).toEqual([
      "docs/e2e-kit.md#options",
      "images/a.png",
      "https://example.org/",
      "#top",
    ]);
  });

  it("makes GitHub's anchors from headings with code and punctuation", () => {
    expect(anchorOf("Configuration (`--config`, `loadWorldConfig`)")).toBe(
      "configuration---config-loadworldconfig",
    );
    expect(anchorOf("The SP library (`mock-idp/sp/`)")).toBe("the-sp-library-mock-idpsp");
    expect(anchorOf("`npm start` and `npm run browser`")).toBe("npm-start-and-npm-run-browser");
  });

  it("reports a link to a missing file or heading", () => {
    expect(brokenLink(README, "docs/no-such-page.md")).toMatch(/no file docs\/no-such-page\.md/);
    expect(brokenLink(README, "docs/testing.md#no-such-heading")).toMatch(/no heading/);
    expect(brokenLink(README, "docs/testing.md#run-one-test")).toBeUndefined();
  });
});
