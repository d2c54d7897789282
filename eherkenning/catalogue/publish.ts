// A catalogue as a publisher issues it (afsprakenstelsel "Service catalog"):
// a Version urn:etoegang:<version>:service-catalogue:<P|T>:<n>, the moment it
// was made as IssueInstant, and each ServiceInstance's encryption
// certificates (the DV's, which the HM encrypts identifiers to) as
// ServiceCertificate.
import { catalogueVersion, type NetworkEnvironment } from "../identifiers.ts";
import type { Catalogue } from "./model.ts";

export interface Publication {
  readonly id: string;
  readonly environment: NetworkEnvironment;
  /** Counts the catalogue's versions: a changed catalogue gets the next one. */
  readonly sequence: number;
  readonly issueInstant: string;
  /** Encryption certificates (base64 DER) by ServiceID, added to the instances' own. */
  readonly certificatesByServiceID: ReadonlyMap<string, readonly string[]>;
}

export function publishCatalogue(catalogue: Catalogue, publication: Publication): Catalogue {
  return {
    id: publication.id,
    issueInstant: publication.issueInstant,
    version: catalogueVersion(publication.environment, publication.sequence),
    providers: catalogue.providers.map((provider) => ({
      ...provider,
      instances: provider.instances.map((instance) => {
        const added = publication.certificatesByServiceID.get(instance.serviceID) ?? [];
        return {
          ...instance,
          serviceCertificates: [...new Set([...instance.serviceCertificates, ...added])],
        };
      }),
    })),
  };
}
