// The dienstencatalogus as this makelaar publishes it at ENDPOINTS.catalogue:
// the world's catalogue, with each ServiceInstance's ServiceCertificate taken
// from the encryption certificates of the registered SP that offers that
// ServiceID, a Version (catalogueVersion: environment T, sequence n) whose n
// grows whenever that content changes, the moment of that change as
// IssueInstant, and the makelaar's signature (enveloped, first child, like
// its metadata). Signed once per version, not per request.
import { createHash } from "node:crypto";
import { parseCatalogue, publishCatalogue, writeCatalogue } from "../../../eherkenning/index.ts";
import type { Makelaar } from "../makelaar.ts";
import { signRoot } from "../../saml-core/signature.ts";
import { instant, newId } from "../../saml-core/xml.ts";
import { metadataOf } from "./sp-registration.ts";

interface Published {
  readonly key: string;
  readonly sequence: number;
  readonly xml: string;
}

const published = new WeakMap<Makelaar, Published>();

/** Encryption certificates by ServiceID, from every registered SP's metadata. */
function certificatesByServiceID(makelaar: Makelaar): Map<string, string[]> {
  const certificates = new Map<string, string[]>();
  for (const registered of makelaar.state.serviceProviders) {
    const metadata = metadataOf(registered);
    for (const serviceID of metadata.services.values()) {
      const list = certificates.get(serviceID) ?? [];
      list.push(...metadata.encryptionCertificates);
      certificates.set(serviceID, list);
    }
  }
  return certificates;
}

/** The hex SHA-256 fingerprint, as django-digid-eherkenning writes a ServiceCertificate's KeyName. */
function sha256KeyName(certificate: string): string {
  return createHash("sha256").update(Buffer.from(certificate, "base64")).digest("hex");
}

export function makelaarCatalogueXml(makelaar: Makelaar): string {
  const certificates = certificatesByServiceID(makelaar);
  const key = JSON.stringify([makelaar.world.catalogueXml, [...certificates].sort()]);
  const last = published.get(makelaar);
  if (last?.key === key) return last.xml;
  const sequence = (last?.sequence ?? 0) + 1;
  const catalogue = publishCatalogue(parseCatalogue(makelaar.world.catalogueXml), {
    id: newId(),
    environment: "T",
    sequence,
    issueInstant: instant(makelaar.protocolNow()),
    certificatesByServiceID: certificates,
  });
  const xml = signRoot(
    writeCatalogue(catalogue, { certificateKeyName: sha256KeyName }),
    makelaar.signingKeys,
    { placement: "first-child", keyInfo: "x509" },
  );
  published.set(makelaar, { key, sequence, xml });
  return xml;
}
