// Which certificates the SP trusts the makelaar's messages by: read from the
// makelaar's signed metadata (given, fetched once, or replaced), optionally
// pinned to one certificate's SHA-256.
import { createHash } from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import { verifyEnvelopedWithXmlCrypto } from "../saml-core/signature.ts";
import {
  NS,
  attribute,
  childElement,
  childElements,
  is,
  parseXml,
  textOf,
} from "../saml-core/xml.ts";
import { ServiceProviderError } from "./errors.ts";

/**
 * The makelaar's signing certificates from its signed metadata. The signature
 * is checked against the metadata's own certificates, which proves the
 * document is intact, not who wrote it; `pinnedSha256` (hex SHA-256 of a
 * certificate's DER) adds the trust: the signature must verify with the
 * certificate of that fingerprint.
 */
export function makelaarSigningCertificates(metadataXml: string, pinnedSha256?: string): string[] {
  const doc = parseXml(metadataXml, "The makelaar metadata", {
    maxBytes: 1024 * 1024,
    kind: "document",
  });
  const root = doc.documentElement!;
  // The network publishes an md:EntitiesDescriptor (signed as a whole) around
  // the makelaar's EntityDescriptor; a lone EntityDescriptor is read too.
  let entity: Element | undefined;
  if (is(root, NS.md, "EntitiesDescriptor")) {
    entity = childElements(root, NS.md, "EntityDescriptor").find(
      (e) => childElement(e, NS.md, "IDPSSODescriptor") !== undefined,
    );
  } else if (is(root, NS.md, "EntityDescriptor")) {
    entity = root;
  } else {
    throw new ServiceProviderError(
      "The makelaar metadata is not an md:EntitiesDescriptor or md:EntityDescriptor.",
    );
  }
  const idp = entity && childElement(entity, NS.md, "IDPSSODescriptor");
  if (!idp) throw new ServiceProviderError("The makelaar metadata has no IDPSSODescriptor.");
  const certificates = childElements(idp, NS.md, "KeyDescriptor")
    .filter((k) => attribute(k, "use") !== "encryption")
    .flatMap((k) =>
      Array.from(k.getElementsByTagNameNS(NS.ds, "X509Certificate")).map((c) =>
        textOf(c).replace(/\s+/g, ""),
      ),
    );
  if (certificates.length === 0) {
    throw new ServiceProviderError("The makelaar metadata has no signing certificate.");
  }
  let trusted = certificates;
  if (pinnedSha256 !== undefined) {
    const pin = pinnedSha256.replace(/:/g, "").toLowerCase();
    trusted = certificates.filter(
      (c) => createHash("sha256").update(Buffer.from(c, "base64")).digest("hex") === pin,
    );
    if (trusted.length === 0) {
      throw new ServiceProviderError(
        `The makelaar metadata has no signing certificate with the pinned SHA-256 ${pin}.`,
      );
    }
  }
  verifyEnvelopedWithXmlCrypto(metadataXml, doc, root, trusted, "The makelaar metadata");
  return certificates;
}

/** The makelaar's signing certificates as the SP knows them. */
export class MakelaarTrust {
  private certificatesInUse: string[] | undefined;

  constructor(
    private readonly source: {
      readonly metadataXml?: string | undefined;
      readonly metadataUrl?: string | undefined;
      readonly pinnedSha256?: string | undefined;
    },
  ) {
    if (source.metadataXml) this.use(source.metadataXml);
  }

  /** Use this makelaar metadata from now on (verified). */
  use(metadataXml: string): void {
    this.certificatesInUse = makelaarSigningCertificates(metadataXml, this.source.pinnedSha256);
  }

  /** The certificates, fetching the metadata on first use when none was given. */
  async certificates(fetcher: typeof fetch): Promise<string[]> {
    if (this.certificatesInUse) return this.certificatesInUse;
    const url = this.source.metadataUrl;
    if (!url)
      throw new ServiceProviderError("No makelaar metadata given and no makelaarMetadataUrl.");
    const answer = await fetcher(url);
    if (!answer.ok) {
      throw new ServiceProviderError(
        `Fetching the makelaar metadata from ${url} gave HTTP ${answer.status}.`,
      );
    }
    this.use(await answer.text());
    return this.certificatesInUse!;
  }
}
