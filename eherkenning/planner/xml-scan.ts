// A small, fast XML scanner for the parts of an XLSX file. A worksheet of
// 50,000 rows is tens of megabytes of very regular XML; a general streaming
// parser (saxes) took seconds for it, this takes a fraction. It reports tags
// with their raw attribute text, and text as positions (sliced only when a
// handler wants it); it decodes the five entities and character references,
// skips comments and processing instructions, reads CDATA as text, and refuses
// a DOCTYPE (a spreadsheet never has one; entity expansion lives there). It
// does not check that tags balance: a damaged file yields odd cells or an
// error, never a crash or a hang (every step moves forward).

export class XmlScanError extends Error {
  override readonly name = "XmlScanError";
}

export interface ScanHandlers {
  /** `attributes` is the raw text after the name; read it with `attributeOf`. */
  open(name: string, attributes: string): void;
  /** Text from `start` to `end` in `xml`, raw: pass it to `decodeXmlText` when it matters. */
  text(xml: string, start: number, end: number): void;
  close(name: string): void;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

export function decodeXmlText(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[body] ?? whole;
  });
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** An attribute's value by local name (`id` finds `r:id`), decoded; undefined when absent. */
export function attributeOf(attributes: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attributes.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + 1;
    const before = at === 0 ? 32 : attributes.charCodeAt(at - 1);
    if (!isSpace(before) && before !== 58 /* : */) continue;
    let j = at + name.length;
    while (isSpace(attributes.charCodeAt(j))) j++;
    if (attributes.charCodeAt(j) !== 61 /* = */) continue;
    j++;
    while (isSpace(attributes.charCodeAt(j))) j++;
    const quote = attributes.charAt(j);
    if (quote !== '"' && quote !== "'") continue;
    const end = attributes.indexOf(quote, j + 1);
    if (end < 0) return undefined;
    return decodeXmlText(attributes.slice(j + 1, end));
  }
}

function tagName(xml: string, start: number, end: number): string {
  let colon = -1;
  for (let k = start; k < end; k++) if (xml.charCodeAt(k) === 58) colon = k;
  return xml.slice(colon < 0 ? start : colon + 1, end);
}

export function scanXml(xml: string, part: string, handlers: ScanHandlers): void {
  const n = xml.length;
  const fail = (what: string, at: number): never => {
    throw new XmlScanError(`${part} is not well-formed XML: ${what} at character ${at}`);
  };
  let i = 0;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) {
      handlers.text(xml, i, n);
      return;
    }
    if (lt > i) handlers.text(xml, i, lt);
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      const end = xml.indexOf(">", lt + 2);
      if (end < 0) fail("unclosed end tag", lt);
      let nameEnd = end;
      while (nameEnd > lt + 2 && isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
      handlers.close(tagName(xml, lt + 2, nameEnd));
      i = end + 1;
    } else if (next === 63 /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0) fail("unclosed processing instruction", lt);
      i = end + 2;
    } else if (next === 33 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end < 0) fail("unclosed comment", lt);
        i = end + 3;
      } else if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0) fail("unclosed CDATA section", lt);
        // CDATA is literal: escape its ampersands so decodeXmlText keeps them.
        const literal = xml.slice(lt + 9, end).replace(/&/g, "&amp;");
        handlers.text(literal, 0, literal.length);
        i = end + 3;
      } else {
        throw new XmlScanError(
          `${part} has a DOCTYPE or declaration, which a spreadsheet never needs`,
        );
      }
    } else {
      let nameEnd = lt + 1;
      for (; nameEnd < n; nameEnd++) {
        const c = xml.charCodeAt(nameEnd);
        if (isSpace(c) || c === 47 || c === 62) break;
      }
      let j = nameEnd;
      let quote = 0;
      for (; j < n; j++) {
        const c = xml.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62 /* > */) break;
      }
      if (j >= n) fail("unclosed tag", lt);
      if (nameEnd === lt + 1) fail("a tag without a name", lt);
      const selfClosing = xml.charCodeAt(j - 1) === 47;
      const name = tagName(xml, lt + 1, Math.min(nameEnd, selfClosing ? j - 1 : j));
      handlers.open(name, nameEnd >= j - 1 ? "" : xml.slice(nameEnd, selfClosing ? j - 1 : j));
      if (selfClosing) handlers.close(name);
      i = j + 1;
    }
  }
}
