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
      "a raw control character in Destination",
      `<r Destination="x\u0001y"/>`,
      "U+0001",
      "attribute Destination of <r>",
    ],
    [
      "a raw control character in an attribute",
      `<r ID="a\u0008b"/>`,
      "U+0008",
      "attribute ID of <r>",
    ],
    ["a raw control character in text", `<r><i>x\u000By</i></r>`, "U+000B", "the content of <i>"],
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

describe("parseXml is strict: what xmldom only warns about, or passes, is refused", () => {
  it.each([
    ["an attribute without a value", `<r ID></r>`, "an attribute has no value (ID)"],
    ["an unquoted attribute value", `<r ID=abc></r>`, "an attribute value is not in quotes (abc)"],
    [
      "attributes without space between them",
      `<r ID="a"Version="2.0"></r>`,
      'attributes are not separated by white space (after ID="...")',
    ],
    [
      "the replacement character (bytes that were not UTF-8)",
      `<r>\uFFFD</r>`,
      "it contains U+FFFD, the replacement character",
    ],
  ])("refuses %s, saying so", (_, xml, reason) => {
    expect(() => parseXml(xml, "The test")).toThrow(`The test is not well-formed XML: ${reason}`);
  });

  it.each([
    ["a byte-order mark", `<r/>\uFEFF`, "a byte-order mark (U+FEFF)"],
    ["a no-break space", `<r/>\u00A0`, 'the text ""'],
    ["text", `<r/>x`, 'the text "x"'],
  ])("refuses %s after the root element", (_, xml, found) => {
    expect(() => parseXml(xml, "The test")).toThrow(
      `The test has ${found} after its root element; only white space may follow it.`,
    );
  });

  it("accepts a byte-order mark at the very start and white space after the root", () => {
    expect(parseXml(`\uFEFF<r/>\r\n\t `, "The test").documentElement?.nodeName).toBe("r");
  });

  it.each([
    ["a surrogate", `<r ID="&#xD800;"/>`, "&#xD800;"],
    ["a low surrogate in decimal", `<r>&#56320;</r>`, "&#56320;"],
    ["a surrogate pair written as two references", `<r>&#xD83D;&#xDE00;</r>`, "&#xD83D;"],
    ["a code point beyond U+10FFFF", `<r>&#x110000;</r>`, "&#x110000;"],
    ["a huge number", `<r>&#99999999999;</r>`, "&#99999999999;"],
    ["a control character", `<r>&#x1;</r>`, "&#x1;"],
  ])("refuses a character reference to %s", (_, xml, reference) => {
    expect(() => parseXml(xml, "The test")).toThrow(
      `The test has the character reference ${reference}, which names no character XML allows`,
    );
  });

  it("refuses an unpaired surrogate that arrives as a character", () => {
    expect(() => parseXml(`<r>a\uDC00</r>`, "The test")).toThrow(
      "The test has the character U+DC00, which XML 1.0 forbids, in the content of <r>.",
    );
  });

  it("refuses CDATA, processing instructions and comments outside the root in a protocol message", () => {
    expect(() => parseXml(`<r><i><![CDATA[x]]></i></r>`, "The test")).toThrow(
      "The test has a CDATA section in <i>; a SAML message has plain text only.",
    );
    expect(() => parseXml(`<r><?pi x?></r>`, "The test")).toThrow(
      "The test has a processing instruction in <r>; a SAML message has none.",
    );
    expect(() => parseXml(`<r/><!-- c -->`, "The test")).toThrow(
      "The test has a comment outside its root element; a SAML message is its root element only.",
    );
    expect(() => parseXml(`<?pi x?><r/>`, "The test")).toThrow(
      "The test has a processing instruction outside its root element",
    );
  });

  it("allows the XML declaration, comments inside the root, and in documents CDATA and comments outside", () => {
    expect(parseXml(`<?xml version="1.0"?><r><!-- c -->x</r>`, "The test")).toBeTruthy();
    const document = parseXml(`<!-- made by a tool --><r><![CDATA[<x>]]></r>`, "The metadata", {
      kind: "document",
    });
    expect(document.documentElement?.textContent).toBe("<x>");
  });

  it("shortens what it repeats from a hostile document", () => {
    const name = "n".repeat(10_000);
    expect(() => parseXml(`<r ${name}></r>`, "The test")).toThrow(
      /an attribute has no value \(n{40}…\(10000 characters\)\)/,
    );
  });
});
