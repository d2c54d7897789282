// The import direction inside mock-idp is enforced by lint (eslint.config.js);
// this runs ESLint on small snippets placed in each folder to show each rule
// fires, and that allowed imports pass.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The no-restricted-imports messages for one import written in a file at `path`. */
async function restrictedImports(path: string, from: string): Promise<string[]> {
  const code = `import type { Anything } from "${from}";\n\nexport type Same = Anything;\n`;
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports")
    .map((m) => m.message);
}

describe("lint keeps mock-idp's import direction", () => {
  it.each([
    [
      "mock-idp/replica/duo/x.ts",
      "../../makelaar/app.ts",
      "replica/ must not import from mock-idp/makelaar/",
    ],
    [
      "mock-idp/world/x.ts",
      "../makelaar/state.ts",
      "world/ must not import from mock-idp/makelaar/",
    ],
    ["mock-idp/world/x.ts", "../sp/index.ts", "world/ must not import from mock-idp/sp/"],
    ["mock-idp/world/x.ts", "../replica/sites.ts", "world/ must not import from mock-idp/replica/"],
    [
      "mock-idp/sp/x.ts",
      "../makelaar/saml/answer.ts",
      "sp/ must not import from mock-idp/makelaar/",
    ],
    [
      "mock-idp/saml-core/x.ts",
      "../makelaar/errors.ts",
      "saml-core/ must not import from mock-idp/makelaar/",
    ],
  ])("refuses %s importing %s", async (path, from, message) => {
    const messages = await restrictedImports(path, from);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it.each([
    ["mock-idp/replica/duo/x.ts", "../../world/state.ts"],
    ["mock-idp/replica/x.ts", "../sp/index.ts"],
    ["mock-idp/sp/x.ts", "../saml-core/xml.ts"],
    ["mock-idp/makelaar/saml/x.ts", "../../world/state.ts"],
    ["mock-idp/harness-part.ts", "./makelaar/app.ts"],
  ])("allows %s importing %s", async (path, from) => {
    expect(await restrictedImports(path, from)).toEqual([]);
  });
});
