// Lint holds the makelaar's route and SAML code to short functions
// (eslint.config.js, max-lines-per-function); this shows the rule fires where
// it should and nowhere else.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The limit eslint.config.js sets for the makelaar's SAML code. */
async function configuredLimit(): Promise<number> {
  const config = (await eslint.calculateConfigForFile(`${root}mock-idp/makelaar/saml/x.ts`)) as {
    rules?: Record<string, [unknown, { max?: number }?]>;
  };
  const max = config.rules?.["max-lines-per-function"]?.[1]?.max;
  if (typeof max !== "number") throw new Error("eslint.config.js sets no max-lines-per-function");
  return max;
}

const MAX_ROUTE_FUNCTION_LINES = await configuredLimit();

/** A function of exactly `lines` lines, its braces included. */
function functionOf(lines: number): string {
  const steps = Array.from({ length: lines - 4 }, (_, i) => `  total += ${i};`);
  const source = ["export function handleStep(): number {", "  let total = 0;", ...steps];
  return [...source, "  return total;", "}", ""].join("\n");
}

async function lengthMessages(path: string, lines: number): Promise<string[]> {
  const [result] = await eslint.lintText(functionOf(lines), { filePath: `${root}${path}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "max-lines-per-function")
    .map((m) => m.message);
}

describe("lint keeps the makelaar's route and SAML functions short", () => {
  it.each([
    "mock-idp/makelaar/saml/x.ts",
    "mock-idp/makelaar/admin/x.ts",
    "mock-idp/makelaar/login/x.ts",
    "mock-idp/makelaar/app.ts",
  ])("refuses a function one line over the limit in %s, naming it", async (path) => {
    const messages = await lengthMessages(path, MAX_ROUTE_FUNCTION_LINES + 1);
    expect(messages).toEqual([
      `Function 'handleStep' has too many lines (${MAX_ROUTE_FUNCTION_LINES + 1}). Maximum allowed is ${MAX_ROUTE_FUNCTION_LINES}.`,
    ]);
  });

  it("allows a function of exactly the limit", async () => {
    expect(await lengthMessages("mock-idp/makelaar/saml/x.ts", MAX_ROUTE_FUNCTION_LINES)).toEqual(
      [],
    );
  });

  it.each(["mock-idp/makelaar/saml/x.test.ts", "mock-idp/makelaar/login/text.ts"])(
    "leaves tests and the wording table alone (%s)",
    async (path) => {
      expect(await lengthMessages(path, MAX_ROUTE_FUNCTION_LINES + 20)).toEqual([]);
    },
  );
});
