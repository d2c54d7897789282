import { describe, expect, it } from "vitest";
import { attributeOf, decodeXmlText, scanXml, XmlScanError } from "./xml-scan.ts";

/** What the scanner reports, one string per event; text decoded. */
function events(xml: string): string[] {
  const out: string[] = [];
  scanXml(xml, "part.xml", {
    open: (name, attributes) => out.push(`open ${name} [${attributes}]`),
    text: (source, start, end) => out.push(`text ${decodeXmlText(source.slice(start, end))}`),
    close: (name) => out.push(`close ${name}`),
  });
  return out;
}

const failure = (xml: string): string => {
  try {
    events(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(XmlScanError);
    expect((error as Error).name).toBe("XmlScanError");
    return (error as Error).message;
  }
  throw new Error("no error");
};

describe("scanning XML", () => {
  it("reports tags by their local name with the raw attribute text, the text between them, and a self-closing tag as open and close", () => {
    expect(events(`<x:a k="1" t='>' u=">">one<b/><c k="2"/>two</x:a ><d\n/><e ></e>`)).toEqual([
      `open a [ k="1" t='>' u=">"]`,
      "text one",
      "open b []",
      "close b",
      `open c [ k="2"]`,
      "close c",
      "text two",
      "close a",
      "open d [\n]",
      "close d",
      "open e []",
      "close e",
    ]);
  });

  it("reports text before the first tag and after the last", () => {
    expect(events("before<a>in</a>after")).toEqual([
      "text before",
      "open a []",
      "text in",
      "close a",
      "text after",
    ]);
  });

  it("skips processing instructions and comments, and reads CDATA as literal text", () => {
    expect(
      events(`<?xml version="1.0"?><a><!-- <b>not a tag</b> --><![CDATA[x &amp; <y>]]></a>`),
    ).toEqual(["open a []", "text x &amp; <y>", "close a"]);
  });

  it("refuses a DOCTYPE, naming the part", () => {
    expect(failure(`<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`)).toBe(
      "part.xml has a DOCTYPE or declaration, which a spreadsheet never needs",
    );
  });

  it.each([
    ["<a></a", "unclosed end tag at character 3"],
    ["<a><?pi", "unclosed processing instruction at character 3"],
    ["<a><!-- x", "unclosed comment at character 3"],
    ["<a><![CDATA[x", "unclosed CDATA section at character 3"],
    [`<a><b k=">`, "unclosed tag at character 3"],
    ["<a>< b/>", "a tag without a name at character 3"],
  ])("says what is not closed or has no name, and where: %j", (xml, what) => {
    expect(failure(xml)).toBe(`part.xml is not well-formed XML: ${what}`);
  });
});

describe("XML text and attributes", () => {
  it("decodes the five entities and character references, drops a reference to no character, and keeps an unknown entity", () => {
    expect(
      decodeXmlText(
        "&lt;&gt;&amp;&quot;&apos; &#233;&#xE9;&#x1F600;&#x10FFFF; [&#0;&#x110000;] &nbsp;",
      ),
    ).toBe(`<>&"' éé😀\u{10FFFF} [] &nbsp;`);
    expect(decodeXmlText("plain text")).toBe("plain text");
  });

  it("finds an attribute by its local name, with or without a prefix, with spaces around = and either quote", () => {
    expect(attributeOf(` r:id="rId7"`, "id")).toBe("rId7");
    expect(attributeOf(`xid="no" t="id" id = 'yes'`, "id")).toBe("yes");
    expect(attributeOf(`name="a &amp; b"`, "name")).toBe("a & b");
    expect(attributeOf(`Id="x"`, "id")).toBeUndefined();
    for (const space of [" ", "\t", "\n", "\r"])
      expect(attributeOf(`a="1"${space}id${space}=${space}"2"`, "id")).toBe("2");
  });

  it("finds nothing for a name without a value or a value without its closing quote", () => {
    expect(attributeOf(`id hidden="1"`, "id")).toBeUndefined();
    expect(attributeOf(`id=1`, "id")).toBeUndefined();
    expect(attributeOf(`id "x"`, "id")).toBeUndefined();
    expect(attributeOf(`id=a d="a"`, "id")).toBeUndefined();
    expect(attributeOf(`id="open`, "id")).toBeUndefined();
  });
});
