// Safe XML in and escaped XML out. Every SAML message and metadata document
// is parsed here: DTDs are refused before parsing (so no entity is ever
// declared, expanded or fetched), sizes are capped, and any parser complaint
// is an error naming the document, never a half-read tree. The parsed tree is
// then walked once, without recursion, to refuse nesting deeper than any SAML
// message needs (xml-crypto's canonicaliser recurses and would overflow the
// stack) and characters XML 1.0 forbids (they would reach our signed answers).
import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";

export const NS = Object.freeze({
  samlp: "urn:oasis:names:tc:SAML:2.0:protocol",
  saml: "urn:oasis:names:tc:SAML:2.0:assertion",
  md: "urn:oasis:names:tc:SAML:2.0:metadata",
  mdattr: "urn:oasis:names:tc:SAML:metadata:attribute",
  ds: "http://www.w3.org/2000/09/xmldsig#",
  xenc: "http://www.w3.org/2001/04/xmlenc#",
  soap: "http://schemas.xmlsoap.org/soap/envelope/",
  esp: "urn:etoegang:1.9:samlp-extension",
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

export class XmlError extends Error {
  override readonly name = "XmlError";
}

/**
 * Parses a document; throws XmlError naming `what` for a DTD, a size over the
 * limit, or anything the parser does not accept.
 */
export function parseXml(xml: string, what: string, maxBytes = MAX_MESSAGE_BYTES): Document {
  if (Buffer.byteLength(xml, "utf8") > maxBytes) {
    throw new XmlError(`${what} is larger than ${Math.round(maxBytes / 1024)} KB.`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new XmlError(`${what} contains a DTD (<!DOCTYPE or <!ENTITY); DTDs are refused.`);
  }
  if (!xml.trimStart().startsWith("<")) throw new XmlError(`${what} is not XML.`);
  let doc: Document;
  let firstProblem: string | undefined;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level === "warning") return;
        firstProblem ??= message.split("\n")[0];
        throw new XmlError(message);
      },
    }).parseFromString(xml, "text/xml");
  } catch (error) {
    const reason = firstProblem ?? (error instanceof Error ? error.message : String(error));
    throw new XmlError(`${what} is not well-formed XML: ${reason}`);
  }
  if (!doc.documentElement) throw new XmlError(`${what} has no root element.`);
  checkTree(doc.documentElement, what);
  return doc;
}

// XML 1.0 Char excludes these; a character reference (&#x1;) must not
// smuggle them in either, and xmldom lets both through.
// eslint-disable-next-line no-control-regex -- finding these control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function forbiddenIn(value: string): string | undefined {
  const found = FORBIDDEN_CHARACTER.exec(value);
  return found
    ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`
    : undefined;
}

/** Depth-first over the tree by sibling and parent links, so depth costs no stack. */
function checkTree(root: Element, what: string): void {
  let node: Node | null = root;
  let depth = 1;
  while (node) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (depth > MAX_NESTING_DEPTH) {
        throw new XmlError(
          `${what} nests elements more than ${MAX_NESTING_DEPTH} deep (at <${element.nodeName}>); that is refused.`,
        );
      }
      for (let i = 0; i < element.attributes.length; i++) {
        const attr = element.attributes.item(i);
        const bad = attr ? forbiddenIn(attr.value) : undefined;
        if (bad) {
          throw new XmlError(
            `${what} has the character ${bad}, which XML 1.0 forbids, in attribute ${attr?.name ?? ""} of <${element.nodeName}>.`,
          );
        }
      }
    } else {
      const bad = forbiddenIn(node.nodeValue ?? "");
      if (bad) {
        throw new XmlError(
          `${what} has the character ${bad}, which XML 1.0 forbids, in the content of <${node.parentNode?.nodeName ?? "?"}>.`,
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
