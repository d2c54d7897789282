// Safe XML in and escaped XML out. Every SAML message and metadata document
// is parsed here: DTDs are refused before parsing (so no entity is ever
// declared, expanded or fetched), sizes are capped, and any parser complaint,
// warnings included, is an error naming the document, never a half-read or
// guessed tree. Character references must name characters XML allows, and
// only white space may follow the root. The parsed tree is then walked once,
// without recursion, to refuse nesting deeper than any SAML message needs
// (xml-crypto's canonicaliser recurses and would overflow the stack),
// characters XML 1.0 forbids (they would reach our signed answers) and, in
// protocol messages, CDATA sections and processing instructions.
import { SAMLP_EXTENSION_NS } from "../../eherkenning/index.ts";
import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";

export const NS = Object.freeze({
  samlp: "urn:oasis:names:tc:SAML:2.0:protocol",
  saml: "urn:oasis:names:tc:SAML:2.0:assertion",
  md: "urn:oasis:names:tc:SAML:2.0:metadata",
  mdattr: "urn:oasis:names:tc:SAML:metadata:attribute",
  ds: "http://www.w3.org/2000/09/xmldsig#",
  xenc: "http://www.w3.org/2001/04/xmlenc#",
  soap: "http://schemas.xmlsoap.org/soap/envelope/",
  esp: SAMLP_EXTENSION_NS,
});

export const BINDINGS = Object.freeze({
  artifact: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact",
  post: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
  redirect: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
  soap: "urn:oasis:names:tc:SAML:2.0:bindings:SOAP",
});

export const STATUS_PREFIX = "urn:oasis:names:tc:SAML:2.0:status:";

/** The largest SAML message we read, after decoding and inflating. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

/** The deepest element nesting we read; real SAML messages and metadata stay below 20. */
export const MAX_NESTING_DEPTH = 64;

/** How much of a value from a message an error message or a log repeats. */
export const EXCERPT_CHARACTERS = 100;

export class XmlError extends Error {
  override readonly name = "XmlError";
}

/**
 * A copy of `value` that shares no memory with the message it was read from.
 * V8 keeps a substring as a slice of its parent, so a 40-byte ID read from a
 * 256 KB message would keep the whole message alive in a store or a log.
 */
export function ownCopy(value: string): string {
  return Buffer.from(value, "utf8").toString("utf8");
}

/**
 * A value taken from a message, shortened to repeat it in an error or a log
 * (a hostile value can be 256 KB, and every copy of it costs memory), and
 * always an own copy (see ownCopy).
 */
export function excerpt(value: string, max = EXCERPT_CHARACTERS): string {
  if (value.length <= max) return ownCopy(value);
  // Never cut a surrogate pair in two.
  const cut = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return `${ownCopy(value.slice(0, cut))}…(${value.length} characters)`;
}

export interface ParseOptions {
  /** Size limit in UTF-8 bytes (default MAX_MESSAGE_BYTES). */
  readonly maxBytes?: number;
  /**
   * "message" (the default): a SAML protocol message, which has no use for
   * CDATA sections, processing instructions or comments outside the root
   * element, so they are refused. "document": metadata and other files
   * people write, where those are ordinary.
   */
  readonly kind?: "message" | "document";
}

/**
 * Parses a document; throws XmlError naming `what` for a DTD, a size over the
 * limit, or anything the parser does not accept. Parser warnings count as
 * errors: xmldom only warns about an attribute without a value, an unquoted
 * value or attributes without space between them, and then guesses.
 */
export function parseXml(xml: string, what: string, options: ParseOptions = {}): Document {
  const maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES;
  // UTF-8 never takes more than 3 bytes per UTF-16 unit: count only when it could matter.
  if (xml.length * 3 > maxBytes && Buffer.byteLength(xml, "utf8") > maxBytes) {
    throw new XmlError(`${what} is larger than ${Math.round(maxBytes / 1024)} KB.`);
  }
  // A byte-order mark may open a document (XML 1.0 4.3.3); anywhere else it is refused.
  if (xml.startsWith("\uFEFF")) xml = xml.slice(1);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new XmlError(`${what} contains a DTD (<!DOCTYPE or <!ENTITY); DTDs are refused.`);
  }
  if (!xml.trimStart().startsWith("<")) throw new XmlError(`${what} is not XML.`);
  checkCharacterReferences(xml, what);
  checkAfterRoot(xml, what);
  let doc: Document;
  let firstProblem: string | undefined;
  try {
    doc = new DOMParser({
      onError: (_level, message) => {
        firstProblem ??= parserProblem(message);
        throw new XmlError(firstProblem);
      },
    }).parseFromString(xml, "text/xml");
  } catch (error) {
    const reason =
      firstProblem ?? parserProblem(error instanceof Error ? error.message : String(error));
    throw new XmlError(`${what} is not well-formed XML: ${reason}`);
  }
  if (!doc.documentElement) throw new XmlError(`${what} has no root element.`);
  if ((options.kind ?? "message") === "message") checkOutsideRoot(doc, what);
  checkTree(doc.documentElement, what, (options.kind ?? "message") === "message");
  return doc;
}

/** xmldom's complaints in plain words; the rest shortened, first line only. */
function parserProblem(message: string): string {
  const line = message.split("\n")[0] ?? message;
  const name = /attribute "([^"]*)"/.exec(line)?.[1];
  const which = name !== undefined ? ` (${excerpt(name, 40)})` : "";
  if (/missed value/.test(line)) return `an attribute has no value${which}; write name="value".`;
  if (/missed (start )?quot/.test(line) || /must after "="/.test(line)) {
    return `an attribute value is not in quotes${which}; write name="value".`;
  }
  const previous = /space is required"([^"]*)"/.exec(line)?.[1];
  if (previous !== undefined) {
    return `attributes are not separated by white space (after ${excerpt(previous, 40)}="...").`;
  }
  if (/Unicode replacement character/.test(line)) {
    return "it contains U+FFFD, the replacement character: the bytes were not valid UTF-8.";
  }
  return excerpt(line, 200);
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
function isXmlCharacter(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * A character reference must name a character XML allows. xmldom turns
 * &#xD800; into a lone surrogate and &#x110000; into two, which would come
 * back as U+FFFD in our answers; refuse them in the source, where a pair of
 * surrogate references cannot pass for one character.
 */
function checkCharacterReferences(xml: string, what: string): void {
  if (!xml.includes("&#")) return;
  for (const match of xml.matchAll(/&#(x[0-9A-Fa-f]+|[0-9]+);/g)) {
    const digits = match[1]!;
    const code =
      digits[0] === "x" ? Number.parseInt(digits.slice(1), 16) : Number.parseInt(digits, 10);
    if (!isXmlCharacter(code)) {
      throw new XmlError(
        `${what} has the character reference ${excerpt(match[0], 20)}, which names no character XML allows (a surrogate, a control character or beyond U+10FFFF).`,
      );
    }
  }
}

/**
 * After the root element only white space may follow. xmldom drops anything
 * JavaScript calls white space there (a byte-order mark, a no-break space)
 * without a word; comments and processing instructions are judged on the tree.
 */
function checkAfterRoot(xml: string, what: string): void {
  const tail = xml.slice(xml.lastIndexOf(">") + 1);
  const stray = /[^ \t\r\n]/.exec(tail);
  if (stray) {
    const found =
      stray[0] === "\uFEFF"
        ? "a byte-order mark (U+FEFF)"
        : `the text "${excerpt(tail.trim(), 20)}"`;
    throw new XmlError(
      `${what} has ${found} after its root element; only white space may follow it.`,
    );
  }
}

/** A protocol message is its root element, optionally after an XML declaration. */
function checkOutsideRoot(doc: Document, what: string): void {
  for (let node = doc.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) continue;
    if (node.nodeType === 7 && node.nodeName === "xml") continue;
    const kind =
      node.nodeType === 8
        ? "a comment"
        : node.nodeType === 7
          ? "a processing instruction"
          : "content";
    throw new XmlError(
      `${what} has ${kind} outside its root element; a SAML message is its root element only.`,
    );
  }
}

// XML 1.0 Char excludes these; a character reference (&#x1;) must not
// smuggle them in either, and xmldom lets both through. An unpaired surrogate
// is no character at all.
const FORBIDDEN_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding these control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function forbiddenIn(value: string): string | undefined {
  const found = FORBIDDEN_CHARACTER.exec(value);
  return found
    ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`
    : undefined;
}

/**
 * Depth-first over the tree by sibling and parent links, so depth costs no
 * stack. In a protocol message CDATA sections and processing instructions
 * are refused: SAML never needs them, and CDATA lets text hide from a
 * reader that looks only at text nodes.
 */
function checkTree(root: Element, what: string, message: boolean): void {
  let node: Node | null = root;
  let depth = 1;
  while (node) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (depth > MAX_NESTING_DEPTH) {
        throw new XmlError(
          `${what} nests elements more than ${MAX_NESTING_DEPTH} deep (at <${excerpt(element.nodeName, 60)}>); that is refused.`,
        );
      }
      for (let i = 0; i < element.attributes.length; i++) {
        const attr = element.attributes.item(i);
        const bad = attr ? forbiddenIn(attr.value) : undefined;
        if (bad) {
          throw new XmlError(
            `${what} has the character ${bad}, which XML 1.0 forbids, in attribute ${excerpt(attr?.name ?? "", 60)} of <${excerpt(element.nodeName, 60)}>.`,
          );
        }
      }
    } else {
      const parent = excerpt(node.parentNode?.nodeName ?? "?", 60);
      if (message && node.nodeType === 4) {
        throw new XmlError(
          `${what} has a CDATA section in <${parent}>; a SAML message has plain text only.`,
        );
      }
      if (message && node.nodeType === 7) {
        throw new XmlError(
          `${what} has a processing instruction in <${parent}>; a SAML message has none.`,
        );
      }
      const bad = forbiddenIn(node.nodeValue ?? "");
      if (bad) {
        throw new XmlError(
          `${what} has the character ${bad}, which XML 1.0 forbids, in the content of <${parent}>.`,
        );
      }
    }
    if (node.firstChild) {
      node = node.firstChild;
      depth++;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      depth--;
    }
    node = node && node !== root ? node.nextSibling : null;
  }
}

/** Element children of `parent` with this namespace and local name. */
export function childElements(parent: Element, ns: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.localName === localName && element.namespaceURI === ns) found.push(element);
    }
  }
  return found;
}

export function childElement(parent: Element, ns: string, localName: string): Element | undefined {
  return childElements(parent, ns, localName)[0];
}

/** The first descendant with this namespace and local name. */
export function descendant(parent: Element, ns: string, localName: string): Element | undefined {
  return parent.getElementsByTagNameNS(ns, localName)[0] ?? undefined;
}

export function textOf(element: Element | undefined): string {
  return (element?.textContent ?? "").trim();
}

export function is(element: Element, ns: string, localName: string): boolean {
  return element.localName === localName && element.namespaceURI === ns;
}

/** An attribute's value, or undefined when absent (xmldom returns null or ""). */
export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? "") : undefined;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for XML and HTML, in element content and in attributes. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A SAML ID: starts with a letter or underscore (xsd:ID), 160 random bits. */
export function newId(): string {
  return `_${crypto.randomUUID().replace(/-/g, "")}${crypto.randomUUID().slice(0, 8)}`;
}

/** xsd:dateTime in UTC without milliseconds, as SAML parties write it. */
export function instant(date: Date): string {
  const iso = date.toISOString();
  // Years 0-9999 always give "YYYY-MM-DDTHH:mm:ss.sssZ".
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, "Z");
}
