import { describe, expect, it } from "vitest";
import { MAX_NESTING_DEPTH, XmlError, parseXml } from "./xml.ts";

const nested = (depth: number) => `${"<x>".repeat(depth)}${"</x>".repeat(depth)}`;

describe("parseXml refuses what would hurt the code after it", () => {
  it(`accepts elements nested ${MAX_NESTING_DEPTH} deep`, () => {
    expect(parseXml(nested(MAX_NESTING_DEPTH), "The test").documentElement?.nodeName).toBe("x");
  });

  it(`refuses elements nested deeper than ${MAX_NESTING_DEPTH}, without overflowing the stack`, () => {
    expect(() => parseXml(nested(MAX_NESTING_DEPTH + 1), "The test")).toThrow(
      new XmlError(
        `The test nests elements more than ${MAX_NESTING_DEPTH} deep (at <x>); that is refused.`,
      ),
    );
    expect(() => parseXml(nested(30_000), "The test")).toThrow(/nests elements more than 64 deep/);
  });

  it("walks siblings and climbs back up: a wide, shallow tree is fine and a deep branch after it is found", () => {
    const wide = `<r>${"<a><b/></a>".repeat(1000)}${nested(MAX_NESTING_DEPTH)}</r>`;
    expect(() => parseXml(wide, "The test")).toThrow(/nests elements more than 64 deep/);
    expect(
      parseXml(`<r>${"<a><b/>t</a>".repeat(1000)}</r>`, "The test").documentElement?.childNodes
        .length,
    ).toBe(1000);
  });

  it.each([
    [
      "a character reference in an attribute",
      `<r Destination="x&#x1;y"/>`,
      "U+0001",
      "attribute Destination of <r>",
    ],
    [
      "a raw control character in an attribute",
      `<r ID="a\u0008b"/>`,
      "U+0008",
      "attribute ID of <r>",
    ],
    ["a character reference in text", `<r><i>x&#xB;</i></r>`, "U+000B", "the content of <i>"],
    ["U+FFFF in text", `<r>x\uFFFF</r>`, "U+FFFF", "the content of <r>"],
  ])("refuses characters XML 1.0 forbids: %s", (_, xml, character, where) => {
    expect(() => parseXml(xml, "The test")).toThrow(
      `The test has the character ${character}, which XML 1.0 forbids, in ${where}.`,
    );
  });

  it("keeps tab, newline, carriage return and ordinary Unicode", () => {
    const doc = parseXml(`<r a="&#x9;&#xA;&#xD;é😀">x&#x9;y</r>`, "The test");
    expect(doc.documentElement?.getAttribute("a")).toBe("\t\n\ré😀");
  });
});
